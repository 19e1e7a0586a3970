package dev.kam.customer.domain;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * An amount in an ISO 4217 currency; {@code 4200000} and {@code 4200000.00} are the same money. Amounts are positive,
 * below 10^15 (a quadrillion: no customer buys more in any currency) with at most four decimals (the finest any
 * currency has), so every amount is exact in a double of any consumer and costs nothing to read back.
 */
public record Money(BigDecimal amount, String currency) {

    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_DECIMALS = 4;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Optional<String> problem = problem(amount);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("amount " + problem.get());
        }
        amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0); // at most 15 digits by now
        }
    }

    /**
     * What is wrong with {@code amount} as an amount of money, if anything. Checked on the unscaled value, so an
     * exponent such as {@code 1e10000000} costs nothing: it is refused before any digit is written out.
     */
    public static Optional<String> problem(BigDecimal amount) {
        if (amount.signum() <= 0) {
            return Optional.of("must be positive");
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        long integerDigits = (long) stripped.precision() - stripped.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return Optional.of("must be less than 10^" + MAX_INTEGER_DIGITS + " (at most " + MAX_INTEGER_DIGITS + " digits before the decimal point)");
        }
        if (stripped.scale() > MAX_DECIMALS) {
            return Optional.of("must have at most " + MAX_DECIMALS + " decimals");
        }
        return Optional.empty();
    }
}
