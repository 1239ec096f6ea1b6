package io.conveyor.registry.compat;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides schema compatibility with Avro's own {@link SchemaCompatibility} and words the
 * incompatibilities the way Confluent's registry does in its verbose answers.
 */
public final class CompatibilityChecker {

    /**
     * @param candidate the schema being registered or tested
     * @param existing  the live versions it must be compatible with, oldest first; only the last is
     *                  used unless the level is transitive
     * @return the reasons it is incompatible; empty when it is compatible
     */
    public List<String> incompatibilities(Schema candidate, List<VersionedSchema> existing, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
            return List.of();
        }
        List<VersionedSchema> against = level.transitive() ? existing : List.of(existing.get(existing.size() - 1));
        List<String> messages = new ArrayList<>();
        for (VersionedSchema previous : against) {
            List<String> found = new ArrayList<>();
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, previous.schema()).getResult(), found);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(previous.schema(), candidate).getResult(), found);
            }
            if (!found.isEmpty()) {
                messages.addAll(found);
                messages.add("{oldSchemaVersion: " + previous.version() + "}");
                messages.add("{oldSchema: '" + previous.schema() + "'}");
            }
        }
        if (!messages.isEmpty()) {
            messages.add("{compatibility: '" + level + "'}");
        }
        return messages;
    }

    private static void describe(SchemaCompatibilityResult result, List<String> into) {
        for (Incompatibility incompatibility : result.getIncompatibilities()) {
            into.add("{errorType:'" + incompatibility.getType() + "', description:'" + incompatibility.getMessage()
                    + " at path '" + incompatibility.getLocation() + "'', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }

    /** A schema with the subject version it was registered as. */
    public record VersionedSchema(int version, Schema schema) {
    }
}
