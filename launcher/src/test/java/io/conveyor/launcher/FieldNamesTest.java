package io.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.conveyor.pipeline.spec.PipelineSpec;
import io.conveyor.pipeline.spec.load.PipelineLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldNamesTest {

    private static final String PIPELINE = """
            name: incidents
            parameters: {input: /nowhere/incidents.csv}
            tasks:
              - {id: extract, kind: extract, source: {type: csv, path: "${input}"}}
              - {id: declared, kind: extract, source: {type: csv, path: /nowhere/x.csv, columns: [id, "1st try"]}}
            """;

    @Test
    void validationShowsTheAvroNameOfEveryColumnSpelledOtherwise(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("incidents.csv");
        Files.writeString(csv, "Incident ID,status,\"Cost Total $\",Cost Total %\n1,open,2,3\n");
        PipelineSpec pipeline = PipelineLoader.parse(PIPELINE, "incidents.yaml");

        assertThat(FieldNames.renamed(pipeline, Map.of("input", csv.toString()))).containsExactly(
                "extract: \"Incident ID\" -> Incident_ID",
                "extract: \"Cost Total $\" -> Cost_Total__",
                "extract: \"Cost Total %\" -> Cost_Total___2",
                "declared: \"1st try\" -> _1st_try");
    }

    @Test
    void aFileNotThereYetShowsOnlyTheDeclaredColumns() throws Exception {
        PipelineSpec pipeline = PipelineLoader.parse(PIPELINE, "incidents.yaml");

        assertThat(FieldNames.renamed(pipeline, Map.of())).containsExactly("declared: \"1st try\" -> _1st_try");
    }
}
