package dev.kam.customer.domain;

import java.text.Normalizer;

/**
 * A CRM's own id of the customer, e.g. {@code salesforce / 0015g00000XyZ}; unique per system. The id is kept in Unicode
 * normalisation form C: {@code café} sent with a combining accent (NFD) and with the precomposed letter (NFC) is one id,
 * as a person reading it would take it. Nothing else is folded: ids in other scripts or widths (Cyrillic {@code А},
 * fullwidth {@code Ａ}) are other ids, as they are in the CRM that made them; invisible characters are refused before
 * (see {@code Identifier}).
 */
public record ExternalRef(String system, String id) {

    public ExternalRef {
        id = id == null || Normalizer.isNormalized(id, Normalizer.Form.NFC) ? id : Normalizer.normalize(id, Normalizer.Form.NFC);
    }
}
