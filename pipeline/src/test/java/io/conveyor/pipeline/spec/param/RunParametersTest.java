package io.conveyor.pipeline.spec.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.conveyor.pipeline.spec.source.CsvSource;
import io.conveyor.pipeline.spec.source.EncodingErrors;
import io.conveyor.pipeline.spec.source.HttpMethod;
import io.conveyor.pipeline.spec.source.HttpSource;
import io.conveyor.pipeline.spec.source.Pagination;
import io.conveyor.pipeline.spec.source.ParquetSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunParametersTest {

    private final RunParameters parameters = new RunParameters(Map.of("input", "/data/orders.csv", "day", "2026-11-24"));

    @Test
    void substitutesEveryNamedParameter() {
        assertThat(parameters.expand("/in/${day}/part-${day}.csv", "source.path")).isEqualTo("/in/2026-11-24/part-2026-11-24.csv");
        assertThat(parameters.expand("${input}", "source.path")).isEqualTo("/data/orders.csv");
    }

    @Test
    void keepsTextWithoutTemplatesAndUnescapesDoubleDollar() {
        assertThat(parameters.expand("/a/$b/c$", "source.path")).isEqualTo("/a/$b/c$");
        assertThat(parameters.expand("/a/$${day}", "source.path")).isEqualTo("/a/${day}");
    }

    @Test
    void refusesAnUnknownParameterNamingFieldAndKnownNames() {
        assertThatThrownBy(() -> parameters.expand("/in/${month}.csv", "source.path"))
                .isInstanceOf(UnresolvedParameterException.class)
                .hasMessage("source.path: '/in/${month}.csv' uses parameter 'month', which this run does not have"
                        + " (parameters: [day, input])");
    }

    @Test
    void refusesAnUnclosedTemplate() {
        assertThatThrownBy(() -> parameters.expand("/in/${day.csv", "source.path"))
                .isInstanceOf(UnresolvedParameterException.class)
                .hasMessageContaining("has no closing '}'");
    }

    @Test
    void resolvesFileSourcePathsAndLeavesOtherSettingsAlone() {
        CsvSource csv = new CsvSource("${input}", true, ';', '"', Optional.empty(), "UTF-8", false, List.of(), Optional.of("-"));
        assertThat(SourceParameters.resolve(csv, parameters))
                .isEqualTo(new CsvSource("/data/orders.csv", true, ';', '"', Optional.empty(), "UTF-8", false, List.of(), Optional.of("-")));
        assertThat(SourceParameters.resolve(new ParquetSource("/p/${day}.parquet"), parameters))
                .isEqualTo(new ParquetSource("/p/2026-11-24.parquet"));
        HttpSource http = new HttpSource(URI.create("http://h/x"), HttpMethod.GET, Map.of(), "", new Pagination.None(), Optional.empty());
        assertThat(SourceParameters.resolve(http, parameters)).isSameAs(http);
    }

    @Test
    void resolvingAPathKeepsALenientCsvSourceLenient() {
        CsvSource lenient = new CsvSource("${input}", true, ',', '"', Optional.empty(), "UTF-8", false, List.of(),
                Optional.empty(), EncodingErrors.REPLACE);
        assertThat(SourceParameters.resolve(lenient, parameters))
                .isEqualTo(lenient.withPath("/data/orders.csv"))
                .extracting(source -> ((CsvSource) source).encodingErrors()).isEqualTo(EncodingErrors.REPLACE);
    }
}
