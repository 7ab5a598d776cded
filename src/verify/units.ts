// Unit words that answers carry and the verifier drops (policy: units are ignored, never converted,
// so "5 cm" equals "5" but "1 m" does not equal "100 cm"). Longest names first so that
// "square meters" is removed whole.
const UNITS = [
  "square units", "square feet", "square inches", "square meters", "square centimeters", "square miles", "square yards", "square kilometers",
  "cubic units", "cubic feet", "cubic inches", "cubic meters", "cubic centimeters", "cubic yards",
  "sq units", "sq ft", "sq in", "sq m", "sq cm",
  "units", "unit", "inches", "inch", "feet", "foot", "ft", "yards", "yard", "yd", "miles", "mile", "mi",
  "meters", "meter", "metres", "metre", "centimeters", "centimeter", "cm", "millimeters", "millimeter", "mm", "kilometers", "kilometer", "km", "m",
  "kilograms", "kilogram", "kg", "grams", "gram", "g", "pounds", "pound", "lbs", "lb", "ounces", "ounce", "oz", "tons", "ton",
  "liters", "liter", "litres", "litre", "ml", "mL", "L", "gallons", "gallon", "gal", "quarts", "quart", "pints", "pint", "cups", "cup",
  "seconds", "second", "sec", "s", "minutes", "minute", "min", "hours", "hour", "hrs", "hr", "h", "days", "day", "weeks", "week", "months", "month", "years", "year", "yrs",
  "mph", "km/h", "m/s", "ft/s",
  "dollars", "dollar", "cents", "cent", "euros", "euro", "pesos", "rupees", "yuan",
  "people", "persons", "students", "items", "pieces", "ways", "times", "points", "apples", "marbles", "cookies", "books", "pages", "boxes", "balls", "cars", "coins", "tickets",
  "sides", "edges", "vertices", "faces", "digits", "numbers", "integers", "values", "solutions", "triangles", "squares", "rectangles",
].sort((a, b) => b.length - a.length);

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const ALT = UNITS.map(esc).join("|");

/** Units inside \text{...}/\mathrm{...}: the whole wrapped content is a unit (possibly squared). */
export const WRAPPED_UNIT = new RegExp(`^\\s*(?:${ALT})\\s*(?:\\^\\s*\\{?\\s*[23]\\s*\\}?)?\\s*$`);

/** A unit written without a wrapper after a number or a closing bracket: only names of 2+ letters. */
export const BARE_UNIT = new RegExp(`([\\d)}])\\s*(?:${UNITS.filter((u) => u.length >= 2).map(esc).join("|")})(?:\\s*\\^\\s*\\{?\\s*[23]\\s*\\}?)?(?![a-zA-Z])`, "g");
