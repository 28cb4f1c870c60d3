package dev.orrery.profile.error;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * A JSON value is read as the type it is, service-wide: Jackson would otherwise store {@code {"displayName": 42}} as the
 * name "42" and take {@code "true"} or {@code 1} for a boolean. A value of the wrong type fails reading instead, and
 * {@link ApiErrorMappers} answers 400 naming the field.
 */
@Singleton
public class StrictJsonTypes implements ObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation") // the mapper is already built; configure() is what a customizer has
    public void customize(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // no strings into booleans or numbers, no numbers into booleans
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
