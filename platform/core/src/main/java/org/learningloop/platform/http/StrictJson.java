package org.learningloop.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Request bodies are read strictly: {@code 5.5} is not a whole number, {@code "5"} is not a number
 * and {@code ""} is not a UUID, date or number (nor "absent"), {@code 0} and {@code true} are not text,
 * so a client's mistake gets a 400 naming the field instead of a silently changed value. A key given twice in one object is refused
 * (which value was meant?), and so is text with a control character other than tab, line feed and
 * carriage return: PostgreSQL cannot store U+0000 at all, and the others only forge log lines and
 * break readers.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("loop-plain-text").addDeserializer(String.class, new PlainText()));
    }

    /** Whether {@code text} holds a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> "this value";
        };
    }

    /** Jackson's own text reading, then the control-character check. */
    static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                // a number or a boolean is not text: 0 and true must not become the keys "0" and "true"
                throw MismatchedInputException.from(parser, String.class, "must be text (a JSON string), not "
                        + kind(parser.currentToken()));
            }
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && hasControlCharacter(text)) {
                throw JsonMappingException.from(parser, "must not contain control characters (other than tab, "
                        + "line feed and carriage return)");
            }
            return text;
        }
    }
}
