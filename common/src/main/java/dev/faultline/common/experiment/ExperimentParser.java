package dev.faultline.common.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads an experiment from YAML or JSON and turns every way it can be wrong into field-level messages: the path
 * of the bad field as the author wrote it ({@code faults[0].target.selector}) and what to do about it. Never lets a
 * parser's stack trace through.
 */
public final class ExperimentParser {

    /** Larger documents are refused before parsing: no experiment needs this much, and parsing costs memory. */
    public static final int MAX_DOCUMENT_CHARS = 256 * 1024;
    static final String DOCUMENT = "(document)";

    public enum Format {
        YAML, JSON
    }

    public Experiment parse(String document, Format format) {
        if (document == null || document.isBlank()) {
            throw InvalidExperimentException.of(DOCUMENT, "is empty; send an experiment in YAML or JSON");
        }
        if (document.length() > MAX_DOCUMENT_CHARS) {
            throw InvalidExperimentException.of(DOCUMENT, "is larger than " + MAX_DOCUMENT_CHARS + " characters");
        }
        ObjectMapper mapper = format == Format.JSON ? ChaosJson.experiments() : ChaosJson.experimentsYaml();
        try {
            Experiment experiment = mapper.readValue(document, Experiment.class);
            if (experiment == null) {
                throw InvalidExperimentException.of(DOCUMENT, "is empty; send an experiment in YAML or JSON");
            }
            return experiment;
        } catch (InvalidExperimentException e) {
            throw e;
        } catch (JsonMappingException e) {
            throw new InvalidExperimentException(violationsOf(e));
        } catch (JsonProcessingException e) {
            throw InvalidExperimentException.of(DOCUMENT, "is not valid " + format + where(e.getLocation()) + ": "
                    + e.getOriginalMessage());
        } catch (InvalidValueException e) {
            throw new InvalidExperimentException(e.violations());
        } catch (RuntimeException e) {
            // The YAML parser reports some malformed documents with unchecked exceptions.
            throw InvalidExperimentException.of(DOCUMENT, "is not valid " + format + ": " + firstLine(e.getMessage()));
        }
    }

    private static List<Violation> violationsOf(JsonMappingException e) {
        String path = pathOf(e.getPath());
        InvalidValueException invalid = invalidValueCause(e);
        if (invalid != null) {
            return invalid.violations().stream().map(v -> v.under(path)).toList();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path.isEmpty() ? unknown.getPropertyName() : path;
            return List.of(new Violation(field, "is not a known field" + known(unknown.getKnownPropertyIds())));
        }
        if (e instanceof InvalidTypeIdException typeId) {
            String field = path.isEmpty() ? "type" : path + ".type";
            if (typeId.getTypeId() == null) {
                return List.of(new Violation(field, "is required; one of " + faultTypes()));
            }
            return List.of(new Violation(field, "'" + typeId.getTypeId() + "' is not a known fault type; one of "
                    + faultTypes()));
        }
        if (e instanceof InvalidFormatException format) {
            return List.of(new Violation(orDocument(path), "'" + format.getValue() + "' is not a valid "
                    + describe(format.getTargetType()) + hint(format)));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return List.of(new Violation(orDocument(path), "must be " + article(describe(mismatch.getTargetType()))));
        }
        if (e instanceof ValueInstantiationException) {
            return List.of(new Violation(orDocument(path), firstLine(e.getOriginalMessage())));
        }
        return List.of(new Violation(orDocument(path), firstLine(e.getOriginalMessage())));
    }

    private static InvalidValueException invalidValueCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidValueException invalid) {
                return invalid;
            }
        }
        return null;
    }

    static String pathOf(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) {
            return "";
        }
        return "; known fields: " + ids.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    /** The registered fault type names, so that a typo gets the list to pick from. */
    static String faultTypes() {
        return String.join(", ", FaultSpec.knownTypes());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == java.time.Duration.class) {
            return "duration (e.g. 30s, 250ms)";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == String.class) {
            return "text value";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "map of text values";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        return "object (" + type.getSimpleName() + ")";
    }

    private static String hint(InvalidFormatException e) {
        String message = e.getOriginalMessage();
        int idx = message == null ? -1 : message.indexOf("write for example");
        return idx >= 0 ? "; " + message.substring(idx) : "";
    }

    private static String article(String noun) {
        if (noun.startsWith("one of")) {
            return noun;
        }
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    private static String orDocument(String path) {
        return path.isEmpty() ? DOCUMENT : path;
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "cannot be read";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
