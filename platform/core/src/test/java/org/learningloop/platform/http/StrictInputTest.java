package org.learningloop.platform.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a request may say: one value per key, text without control characters; and how it is logged. */
class StrictInputTest {

    record Note(String title, List<String> lines) {
    }

    private final ObjectMapper json = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    @Test
    void aKeyGivenTwice_isRefused() {
        assertThatThrownBy(() -> json.readValue("{\"title\": \"a\", \"title\": \"b\"}", Note.class))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void controlCharacters_areRefusedNamingTheField_butTabsAndLineBreaksAreText() throws Exception {
        for (String control : List.of("\\u0000", "\\u0007", "\\u001b", "\\u007f")) {
            assertThatThrownBy(() -> json.readValue("{\"title\": \"a" + control + "b\"}", Note.class))
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("control characters")
                    .satisfies(e -> assertThat(((JsonMappingException) e).getPath().get(0).getFieldName())
                            .isEqualTo("title"));
            assertThatThrownBy(() -> json.readValue("{\"lines\": [\"ok\", \"a" + control + "\"]}", Note.class))
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("control characters");
        }
        assertThat(json.readValue("{\"title\": \"one\\ttwo\\r\\nthree\"}", Note.class).title())
                .isEqualTo("one\ttwo\r\nthree");
    }

    @Test
    void numbersAndBooleans_areNotText() throws Exception {
        for (String value : List.of("0", "true", "1.5", "{}", "[]")) {
            assertThatThrownBy(() -> json.readValue("{\"title\": " + value + "}", Note.class)).as(value)
                    .isInstanceOf(JsonMappingException.class).hasMessageContaining("must be text");
        }
        assertThat(json.readValue("{\"title\": \"0\"}", Note.class).title()).isEqualTo("0");
    }

    @Test
    void aUriIsDecodable_onlyWithTwoHexDigitsPerEscape_makingUtf8() {
        assertThat(HttpEdges.decodable("/teams/%C3%A5?q=a+b%20c")).isTrue();
        assertThat(HttpEdges.decodable("/plain")).isTrue();
        for (String broken : List.of("/x/%zz", "/x/%", "/x/%4", "/x?q=%e2%28", "/x/%c3", "/x/%ff%fe")) {
            assertThat(HttpEdges.decodable(broken)).as(broken).isFalse();
        }
    }

    @Test
    void whatARequestSaidIsLoggedOnOneLine_andShort() {
        assertThat(ProblemMappers.printable("/activity-types/x\n2026-12-02 INFO [forged.Audit] user=admin"))
                .isEqualTo("/activity-types/x\\u000a2026-12-02 INFO [forged.Audit] user=admin");
        assertThat(ProblemMappers.printable("a\u0000b\rc\u2028")).isEqualTo("a\\u0000b\\u000dc\\u2028");
        assertThat(ProblemMappers.printable("x".repeat(1000))).hasSize(301).endsWith("…");
    }
}
