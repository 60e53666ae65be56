package dev.faultline.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.faultline.common.validation.DurationText;
import java.io.IOException;
import java.time.Duration;

final class DurationTextSerializer extends StdSerializer<Duration> {

    DurationTextSerializer() {
        super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(DurationText.format(value));
    }
}
