package org.aspskg.text;

/** Where a name of a term comes from. */
public enum NameType {
    LABEL("label"),
    EXACT_SYNONYM("exact synonym"),
    RELATED_SYNONYM("related synonym"),
    BROAD_SYNONYM("broad synonym"),
    /** A name of a part or kind of the term: a phrase using it states at least the term. */
    NARROW_SYNONYM("narrow synonym"),
    CURIE("CURIE"),
    IRI("IRI"),
    CODE("external code");

    private final String description;

    NameType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
