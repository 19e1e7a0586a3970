package dev.kam.foundation.rest;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An id a caller chooses (a CRM's id of a customer, an employee id, a contact id): it travels in URL paths, logs
 * and event keys, so it is one line of visible text without path separators: no control characters (CR, LF, tab
 * included), no {@code /} or {@code \}, not {@code .} or {@code ..}, no space at either end. Nor characters that show
 * nothing or change what the rest shows: format characters (zero-width space U+200B, the bidirectional overrides such
 * as U+202E, U+FEFF), line and paragraph separators, unassigned code points, and U+FFFD, which stands for bytes that
 * were not UTF-8 (a path with {@code %C3} alone arrives as it). Null is left to {@code @NotNull}, the length to
 * {@code @Size}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Identifier.Validator.class)
public @interface Identifier {

    String message() default "must be an id of visible characters without control or format characters (such as U+200B or "
            + "U+202E), U+FFFD (bytes that were not UTF-8), / or \\, not . or .., and without spaces at either end";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Identifier, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || valid(value);
        }

        /** Whether {@code value} is such an id. */
        public static boolean valid(String value) {
            return !value.isEmpty() && StorableText.singleLine(value) && value.indexOf('/') < 0 && value.indexOf('\\') < 0
                    && !value.equals(".") && !value.equals("..") && value.equals(value.strip()) && value.codePoints().allMatch(Validator::visible);
        }

        private static boolean visible(int codePoint) {
            if (codePoint == 0xFFFD) {
                return false;
            }
            int type = Character.getType(codePoint);
            return type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
                    && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE;
        }
    }
}
