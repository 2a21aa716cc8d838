package dev.unstacker.core.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks the Jakarta Validation constraints of a settings object and turns every violation into one
 * {@link IllegalArgumentException} that names the setting, the bad value and what is allowed.
 */
public final class SettingsValidator {

    private static final Validator VALIDATOR = createValidator();

    private SettingsValidator() {}

    /**
     * Validates an object and returns it.
     *
     * @param settings the object to check
     * @param what a name for the object in the message, such as {@code training settings}
     * @param <T> the object's type
     * @return {@code settings}
     * @throws IllegalArgumentException listing every violated constraint
     */
    public static <T> T validate(T settings, String what) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(settings);
        if (violations.isEmpty()) {
            return settings;
        }
        String details = violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " = " + v.getInvalidValue() + " is invalid: it " + v.getMessage())
                .collect(Collectors.joining("; "));
        throw new IllegalArgumentException("Invalid " + what + ": " + details);
    }

    private static Validator createValidator() {
        // The parameter interpolator needs no expression-language implementation at run time. The
        // factory stays open for the life of the process, because Jakarta Validation does not
        // promise that a validator works after its factory is closed.
        ValidatorFactory factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        return factory.getValidator();
    }
}
