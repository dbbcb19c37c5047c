package org.aspskg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MediaTypeHeaderTest {
    @Test
    void aPlainHeaderGivesItsMediaTypeAndCharsetInLowerCase() {
        assertEquals("application/json", MediaTypeHeader.mediaType("Application/JSON; Charset=\"UTF-8\""));
        assertEquals("utf-8", MediaTypeHeader.charset("Application/JSON; Charset=\"UTF-8\""));
        assertNull(MediaTypeHeader.charset("text/turtle"));
        assertEquals("", MediaTypeHeader.mediaType(null));
        assertNull(MediaTypeHeader.charset(null));
    }

    @Test
    void aCommaJoinedHeaderCountsByItsFirstElementForTypeAndCharsetAlike() {
        assertEquals("text/turtle", MediaTypeHeader.mediaType("text/turtle, application/json"));
        assertEquals(
                "application/x-ndjson", MediaTypeHeader.mediaType("application/x-ndjson;charset=utf-8, text/plain"));
        // the charset is the first element's, never one of a later element
        assertEquals(
                "iso-8859-1", MediaTypeHeader.charset("application/json;charset=iso-8859-1, text/plain;charset=utf-8"));
        assertNull(MediaTypeHeader.charset("application/json, text/plain;charset=iso-8859-1"));
        // an empty first element is no media type (the endpoints then refuse the header whole)
        assertEquals("", MediaTypeHeader.mediaType(", application/json"));
    }
}
