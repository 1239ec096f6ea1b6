package io.conveyor.security;

import java.util.List;
import java.util.Locale;

/**
 * The roles of the scheduler's REST API and the schema registry, each including the ones before it.
 * In the scheduler viewers read pipelines and runs, operators also trigger, backfill, rerun, cancel,
 * pause and unpause, admins also deploy and delete. In the registry viewers read and look schemas up,
 * operators also register schemas (what the data services do), admins also change the compatibility
 * configuration and delete subjects and versions (docs/security.md).
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private static final List<String> ORDER = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }

    /** The role and every role below it, which is what a principal of that role is granted. */
    public static List<String> grantedTo(String role) {
        int index = ORDER.indexOf(role.toLowerCase(Locale.ROOT));
        if (index < 0) {
            throw new IllegalArgumentException("unknown role '" + role + "': one of " + ORDER);
        }
        return ORDER.subList(0, index + 1);
    }
}
