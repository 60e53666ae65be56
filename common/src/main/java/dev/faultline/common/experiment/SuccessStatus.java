package dev.faultline.common.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP statuses an experiment counts as success ({@code successStatus:} of an HTTP probe or of the load); every
 * other status is a failure. Written as a list whose entries are a status ({@code 404}), a class ({@code 2xx}) or an
 * inclusive range ({@code 200-299}): {@code successStatus: [2xx, 404]}. A single entry may be written without the
 * list. The default is {@code [2xx, 3xx]}.
 *
 * @param entries the entries as written (statuses as numbers, classes and ranges as text), for the contract's JSON
 */
public record SuccessStatus(List<Object> entries) {

    private static final Pattern CLASS = Pattern.compile("([1-5])xx");
    private static final Pattern RANGE = Pattern.compile("(\\d{3})\\s*-\\s*(\\d{3})");
    private static final Pattern CODE = Pattern.compile("\\d{3}");

    /** Declared after the patterns it is checked with. */
    public static final SuccessStatus DEFAULT = new SuccessStatus(List.of("2xx", "3xx"));

    public SuccessStatus {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidValueException(List.of(new Violation("",
                    "must name at least one status, class or range, e.g. [2xx, 404]")));
        }
        List<Object> normalised = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = normalise(entries.get(i));
            if (entry == null) {
                violations.add(new Violation("", "entry " + (i + 1) + " ('" + entries.get(i) + "') is not a status"
                        + " (100-599), a class (2xx) or a range (200-299)"));
            } else {
                normalised.add(entry);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidValueException(violations);
        }
        entries = List.copyOf(normalised);
    }

    /** From the experiment document: a list of entries, or one entry alone. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SuccessStatus fromDocument(Object value) {
        return new SuccessStatus(value instanceof List<?> list ? new ArrayList<>(list) : listOf(value));
    }

    public static SuccessStatus only(int status) {
        return new SuccessStatus(List.of(status));
    }

    @JsonValue
    @Override
    public List<Object> entries() {
        return entries;
    }

    public boolean isSuccess(int status) {
        for (Object entry : entries) {
            int[] range = range(entry);
            if (status >= range[0] && status <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** {@code 2xx, 3xx}: how the entries read in a method text. */
    public String describe() {
        return String.join(", ", entries.stream().map(Object::toString).toList());
    }

    private static List<Object> listOf(Object value) {
        List<Object> one = new ArrayList<>();
        one.add(value);
        return one;
    }

    /** A status as an Integer, a class or range as lower-case text; null when the entry is none of them. */
    private static Object normalise(Object entry) {
        if (entry instanceof Integer code) {
            return validCode(code) ? code : null;
        }
        if (!(entry instanceof String text)) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (CODE.matcher(t).matches()) {
            int code = Integer.parseInt(t);
            return validCode(code) ? code : null;
        }
        if (CLASS.matcher(t).matches()) {
            return t;
        }
        Matcher range = RANGE.matcher(t);
        if (range.matches()) {
            int from = Integer.parseInt(range.group(1));
            int to = Integer.parseInt(range.group(2));
            return validCode(from) && validCode(to) && from <= to ? from + "-" + to : null;
        }
        return null;
    }

    private static boolean validCode(int code) {
        return code >= 100 && code <= 599;
    }

    private static int[] range(Object entry) {
        if (entry instanceof Integer code) {
            return new int[] {code, code};
        }
        String text = (String) entry;
        Matcher klass = CLASS.matcher(text);
        if (klass.matches()) {
            int hundred = Integer.parseInt(klass.group(1)) * 100;
            return new int[] {hundred, hundred + 99};
        }
        Matcher range = RANGE.matcher(text);
        range.matches();
        return new int[] {Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))};
    }
}
