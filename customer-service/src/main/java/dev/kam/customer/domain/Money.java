package dev.kam.customer.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** An amount in an ISO 4217 currency; {@code 4200000} and {@code 4200000.00} are the same money. */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        amount = amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }
}
