"""oxa's math verifier as verl's reward, through `oxa reward-server` over HTTP (stdlib only).

verl loads this file by path as its custom reward function::

    reward.custom_reward_function.path=<this file>
    reward.custom_reward_function.name=compute_score          # one response per call (verl's naive manager)
    # or name=compute_score_batch with verl's batch reward manager

and calls ``compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs)``.
The server's address comes from the environment variable OXA_REWARD_URL (default
http://127.0.0.1:8000). The score is 1.0 when the answer after the last ``</think>`` equals the gold
answer, else 0.0 — exactly what ``oxa verify`` decides, because the server runs the same code.

Failures: connection errors, timeouts and 5xx/503 answers are retried with exponential backoff
(OXA_REWARD_RETRIES tries, default 6, starting at 0.5 s); each request has a time limit
(OXA_REWARD_TIMEOUT seconds, default 60). When the server stays unreachable the call raises
OxaRewardUnavailable naming the address and how to start the server — a silent 0 reward would train
the model on noise. A 4xx answer (a malformed request) is not retried: it raises with the server's
message, which names the field.
"""

import json
import os
import time
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:8000"


class OxaRewardUnavailable(RuntimeError):
    """The reward server could not be reached or kept failing."""


class OxaRewardRequestError(ValueError):
    """The reward server refused the request (HTTP 4xx); the message names the field."""


def _url(path):
    base = os.environ.get("OXA_REWARD_URL", DEFAULT_URL).rstrip("/")
    return base + path


def _post(path, payload):
    url = _url(path)
    tries = int(os.environ.get("OXA_REWARD_RETRIES", "6"))
    timeout = float(os.environ.get("OXA_REWARD_TIMEOUT", "60"))
    delay = float(os.environ.get("OXA_REWARD_BACKOFF", "0.5"))
    data = json.dumps(payload).encode("utf-8")
    last = None
    for attempt in range(max(1, tries)):
        if attempt:
            time.sleep(delay * 2 ** (attempt - 1))
        request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as e:
            body = e.read().decode("utf-8", "replace")
            if 400 <= e.code < 500:
                try:
                    message = json.loads(body).get("error", body)
                except ValueError:
                    message = body
                raise OxaRewardRequestError(f"oxa reward server at {url} refused the request (HTTP {e.code}): {message}") from None
            last = f"HTTP {e.code}: {body[:200]}"
        except (urllib.error.URLError, OSError, TimeoutError) as e:
            last = str(getattr(e, "reason", e))
    raise OxaRewardUnavailable(
        f"oxa reward server unreachable at {url} after {max(1, tries)} tries ({last}). "
        "Start it with `oxa reward-server --port <port>` where the trainer's workers can reach it "
        "and set OXA_REWARD_URL=http://<host>:<port>."
    )


def score_detail(solution_str, ground_truth):
    """The server's whole answer for one response: {score, verdict, reason, predicted}."""
    return _post("/score", {"solution_str": solution_str, "ground_truth": str(ground_truth)})


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl's custom reward function: 1.0 when correct, else 0.0."""
    return float(score_detail(solution_str, ground_truth)["score"])


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """verl's batch reward manager calls this with lists; one HTTP request for the whole batch."""
    items = [{"solution_str": s, "ground_truth": str(g)} for s, g in zip(solution_strs, ground_truths)]
    return [float(r["score"]) for r in _post("/score", {"items": items})["results"]]
