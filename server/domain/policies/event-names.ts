// Is an event type named as a command ("CreateOrder", "SendEmail", "ProcessPaymentCommand") rather than a
// fact about the past ("OrderCreated", "EmailSent")? Events are facts: a consumer cannot refuse what
// already happened, while a command names what someone wants done. The test is on the name's words: a
// leading imperative verb with no past-tense word after it, or a trailing "Command".

// Verbs that start command names in the guides and in real schemas; "Order", "Payment" and the like
// are nouns first and never count.
const IMPERATIVE = new Set(
  (
    "accept activate add allocate apply approve archive assign authorize award book calculate cancel capture change charge check " +
    "close collect complete compute confirm create credit deactivate debit decline deduct delete deliver disable dispatch do enable execute fulfil fulfill generate " +
    "get grant handle import increase decrease insert invalidate invite issue load lock make mark merge move notify open pay " +
    "place post process publish purchase put reject release reload remove rename request reserve reset resend restore resume " +
    "retry return revoke run save schedule send set ship start stop submit suspend sync trigger unlock update upgrade upload " +
    "transfer validate verify withdraw"
  ).split(" "),
);
// Irregular past participles ("Sent", "Paid"); regular ones end in -ed.
const IRREGULAR_PAST = new Set(
  "built bought caught chosen done drawn driven found given gone held hidden kept laid left lost made met paid put read rung run said seen sent set shown shut sold spent split taken thrown told understood won withdrawn written".split(
    " ",
  ),
);

/** "CreateOrder" → ["create", "order"]; "order_created" → ["order", "created"]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_.\-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const isPast = (word: string) => (word.endsWith("ed") && word.length > 3) || IRREGULAR_PAST.has(word);

/** Why the name reads as a command, or null when it reads as a fact (or says nothing either way). */
export function commandStyle(name: string): string | null {
  const words = nameWords(name);
  if (!words.length) return null;
  const last = words[words.length - 1]!;
  if (last === "command" || last === "cmd") return `"${name}" ends in "${last}": it names a request, not something that happened`;
  const first = words[0]!;
  if (IMPERATIVE.has(first) && words.length > 1 && !words.slice(1).some(isPast))
    return `"${name}" starts with the verb "${first}": name the fact instead (e.g. "${suggestFact(words)}")`;
  return null;
}

function suggestFact(words: string[]): string {
  const [verb, ...rest] = words as [string, ...string[]];
  const past = verb.endsWith("e") ? `${verb}d` : verb.endsWith("y") ? `${verb.slice(0, -1)}ied` : `${verb}ed`;
  const irregular: Record<string, string> = {
    send: "sent",
    pay: "paid",
    make: "made",
    do: "done",
    run: "run",
    set: "set",
    put: "put",
    ship: "shipped",
    stop: "stopped",
    cancel: "cancelled",
    submit: "submitted",
    get: "got",
  };
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  return [...rest, irregular[verb] ?? past].map(cap).join("");
}
