package io.usagebridge.sandbox.zuorasoap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The where clause of a ZOQL query() as the simulator evaluates it: conditions joined by
 * {@code and}, each {@code Field operator value} with =, !=, &lt;, &lt;=, &gt; or &gt;=.
 * Strings are single-quoted with ZOQL's backslash escapes ({@code \'}, {@code \\}, {@code \"},
 * {@code \b}, {@code \f}, {@code \n}, {@code \r}, {@code \t}) and compared case-sensitively.
 * dateTimes are {@code YYYY-MM-DDThh:mm:ss}, quoted or not, optionally with fractional seconds
 * and a {@code Z} or {@code +hh:mm} offset; without one they are Pacific time, the default
 * time zone of WSDL versions below 69.
 *
 * <p>ZOQL for query() has no parentheses; or, like and null are ZOQL the simulator does not
 * implement: each answers a MalformedQueryFault, as does a field it cannot filter on.
 */
final class ZoqlFilter {

    /** The Import fields the simulator filters on, with the type of their values. */
    private static final Map<String, Class<?>> FILTERABLE = Map.of(
            "Id", String.class, "Name", String.class, "Md5", String.class, "CreatedDate", Instant.class);

    /** Zuora's default time zone for dateTimes without an offset, before WSDL 69. */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Los_Angeles");

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)(Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.:+\\-]+");
    private static final List<String> OPERATORS = List.of("!=", "<=", ">=", "=", "<", ">");

    private enum Operator {
        EQ, NE, LT, LE, GT, GE;

        static Operator of(String text) {
            return switch (text) {
                case "=" -> EQ;
                case "!=" -> NE;
                case "<" -> LT;
                case "<=" -> LE;
                case ">" -> GT;
                default -> GE;
            };
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    /** One condition; {@code value} is a String or an Instant, as the field's type. */
    private record Condition(String field, Operator operator, Object value) {

        @SuppressWarnings("unchecked")
        boolean test(Function<String, Object> values) {
            Object actual = values.apply(field);
            // as in SQL, a field without a value satisfies no comparison
            return actual != null && operator.holds(((Comparable<Object>) actual).compareTo(value));
        }
    }

    private record Token(String text, boolean quoted) {
    }

    private final List<Condition> conditions;

    private ZoqlFilter(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** No where clause: every Import. */
    static ZoqlFilter all() {
        return new ZoqlFilter(List.of());
    }

    static ZoqlFilter parse(String where) throws SoapFault {
        List<Token> tokens = tokens(where);
        List<Condition> conditions = new ArrayList<>();
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw malformed("incomplete condition in where clause: " + where.strip());
            }
            conditions.add(condition(tokens.get(i), tokens.get(i + 1), tokens.get(i + 2)));
            i += 3;
            if (i == tokens.size()) {
                return new ZoqlFilter(conditions);
            }
            Token joiner = tokens.get(i);
            if (!joiner.quoted() && joiner.text().equalsIgnoreCase("or")) {
                throw malformed("The simulator does not implement or; join conditions with and");
            }
            if (joiner.quoted() || !joiner.text().equalsIgnoreCase("and")) {
                throw malformed("You have an error in your ZOQL syntax near '" + joiner.text() + "'");
            }
            i++;
        }
    }

    /** Whether an Import whose field values {@code values} gives satisfies every condition. */
    boolean test(Function<String, Object> values) {
        return conditions.stream().allMatch(condition -> condition.test(values));
    }

    private static Condition condition(Token field, Token operator, Token value) throws SoapFault {
        if (field.quoted() || !field.text().matches("\\w+")) {
            throw malformed("You have an error in your ZOQL syntax near '" + field.text() + "'");
        }
        String name = canonical(field.text());
        if (operator.quoted() || !OPERATORS.contains(operator.text())) {
            throw malformed(List.of("like", "not", "is", "in").contains(operator.text().toLowerCase())
                    ? "The simulator does not implement " + operator.text().toLowerCase() + " in where clauses"
                    : "You have an error in your ZOQL syntax near '" + operator.text() + "'");
        }
        Object parsed;
        if (FILTERABLE.get(name) == Instant.class) {
            parsed = dateTime(value.text());
        } else if (value.quoted()) {
            parsed = value.text();
        } else {
            throw malformed("A string value must be in single quotes: " + name + " " + operator.text() + " "
                    + value.text());
        }
        return new Condition(name, Operator.of(operator.text()), parsed);
    }

    /** The WSDL's spelling of a field named in any case; unknown fields are Zuora's INVALID_FIELD. */
    private static String canonical(String field) throws SoapFault {
        for (String known : FILTERABLE.keySet()) {
            if (known.equalsIgnoreCase(field)) {
                return known;
            }
        }
        for (String known : ImportQuery.SELECTABLE) {
            if (known.equalsIgnoreCase(field)) {
                throw malformed("The simulator filters Import on " + String.join(", ", FILTERABLE.keySet().stream()
                        .sorted().toList()) + " only, not " + known);
            }
        }
        throw SoapFault.api("MalformedQueryFault", "INVALID_FIELD", "invalid field for query: Import." + field);
    }

    static Instant dateTime(String text) throws SoapFault {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            throw malformed("invalid dateTime value '" + text + "': use YYYY-MM-DDThh:mm:ss, optionally with an "
                    + "offset such as +00:00");
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1));
            String zone = m.group(2);
            return zone == null ? local.atZone(DEFAULT_ZONE).toInstant()
                    : local.atOffset(zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone)).toInstant();
        } catch (RuntimeException e) {
            throw malformed("invalid dateTime value '" + text + "': " + e.getMessage());
        }
    }

    private static List<Token> tokens(String where) throws SoapFault {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < where.length()) {
            char c = where.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i = stringLiteral(where, i + 1, value);
                tokens.add(new Token(value.toString(), true));
            } else if (c == '(' || c == ')') {
                throw malformed("ZOQL for query() does not support parentheses");
            } else if ("=!<>".indexOf(c) >= 0) {
                int start = i;
                while (i < where.length() && "=!<>".indexOf(where.charAt(i)) >= 0) {
                    i++;
                }
                tokens.add(new Token(where.substring(start, i), false));
            } else {
                Matcher word = WORD.matcher(where).region(i, where.length());
                if (!word.lookingAt()) {
                    throw malformed("You have an error in your ZOQL syntax near '" + where.substring(i) + "'");
                }
                tokens.add(new Token(word.group(), false));
                i = word.end();
            }
        }
        return tokens;
    }

    /** Reads a quoted string's characters from {@code start} into {@code value}; returns the index after it. */
    private static int stringLiteral(String where, int start, StringBuilder value) throws SoapFault {
        for (int i = start; i < where.length(); i++) {
            char c = where.charAt(i);
            if (c == '\'') {
                return i + 1;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (++i == where.length()) {
                break;
            }
            char escaped = where.charAt(i);
            value.append(switch (escaped) {
                case '\'', '"', '\\' -> escaped;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                default -> throw malformed("invalid escape sequence \\" + escaped + " in a string value");
            });
        }
        throw malformed("unterminated string value in where clause: " + where.strip());
    }

    private static SoapFault malformed(String message) {
        return SoapFault.api("MalformedQueryFault", "MALFORMED_QUERY", message);
    }
}
