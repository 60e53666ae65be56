package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;

/**
 * One way the JSON bodies of degraded answers shrank against the steady state, and how often.
 *
 * @param path    the field's path in the body: {@code recommendations}, {@code user.tier}, {@code items[].price}
 *                (a field of the array's elements); empty for the body itself
 * @param change  {@code missing} (absent or null, though every steady-state answer had it) or {@code emptied} (an
 *                empty array, though every steady-state answer had one with elements)
 * @param answers how many degraded answers had this change
 */
public record BodyShrink(String path, String change, long answers) {

    public static final String MISSING = "missing";
    public static final String EMPTIED = "emptied";

    public BodyShrink {
        Checks.start()
                .notNull(path, "path")
                .require(MISSING.equals(change) || EMPTIED.equals(change), "change", "must be missing or emptied")
                .require(answers > 0, "answers", "must be positive")
                .throwIfAny();
    }

    /** {@code field `recommendations` emptied}, {@code the body emptied}, {@code no JSON body}. */
    public String describe() {
        if (path.isEmpty()) {
            return MISSING.equals(change) ? "no JSON body" : "the body emptied";
        }
        return "field `" + path + "` " + change;
    }
}
