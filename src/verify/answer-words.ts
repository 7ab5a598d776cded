// The phrases that introduce a final answer, in English and in the other languages model outputs
// and K-12 datasets are written in. Each is matched case-insensitively and must be followed by the
// answer itself; the answer phrase that occurs last in the text wins.
//  - English ("answer phrase"): "final answer is", "the answer is", "Answer:", "answer =", "#### 72".
//  - Other languages ("local-language answer word"): Chinese 答案是/答案为/答案：/答：/故选,
//    Japanese 答えは/答え：, Korean 정답은/답:, French "la réponse est"/"Réponse :", Spanish
//    "la respuesta es"/"Respuesta:", Portuguese "a resposta é", Italian "la risposta è", German
//    "die Antwort ist/lautet"/"Antwort:", Russian "Ответ:", Hindi "उत्तर", Turkish "Cevap:",
//    Indonesian "Jawaban:", Vietnamese "Đáp án là/:".
const ENGLISH = String.raw`(?:final answer|the answer|answer)\s*(?:is|:|=)\s*:?|####`;
const LOCAL = [
  String.raw`答案\s*(?:应该|应|就)?\s*(?:是|为|為|[:：])`,
  String.raw`答\s*[:：]`,
  String.raw`故选\s*[:：]?`,
  String.raw`答え\s*(?:は|[:：])`,
  String.raw`정답\s*(?:은|는)?\s*[:：]?`,
  String.raw`답\s*[:：]`,
  String.raw`réponse(?:\s+finale)?\s*(?:est\s*:?|:)`,
  String.raw`respuesta(?:\s+final)?\s*(?:es\s*:?|:)`,
  String.raw`resposta(?:\s+final)?\s*(?:é\s*:?|:)`,
  String.raw`risposta(?:\s+finale)?\s*(?:è\s*:?|:)`,
  String.raw`antwort\s*(?:ist|lautet|:)\s*:?`,
  String.raw`ответ\s*(?:[:：]|равен|—)`,
  String.raw`उत्तर\s*[:：]?`,
  String.raw`cevap\s*[:：]`,
  String.raw`jawaban(?:nya)?\s*(?:adalah|[:：])`,
  String.raw`đáp án\s*(?:là|[:：])`,
].join("|");

/** All answer phrases; group 1 is set when the phrase is English. */
export const ANSWER_PHRASE = new RegExp(`(${ENGLISH})|(?:${LOCAL})`, "giu");
