package io.relgraph.auth;

import static java.util.Map.entry;

import java.util.Map;

/**
 * The one table of what each Mutation field needs. Creating, linking, updating and renaming need
 * {@link Role#WRITER}; deletes and key changes need {@link Role#ADMIN}. A field missing here (a
 * mutation added later and forgotten) needs admin: the safe side.
 */
public final class Permissions {

    static final Map<String, Role> MUTATIONS = Map.ofEntries(
            entry("createDepartment", Role.WRITER),
            entry("renameDepartment", Role.WRITER),
            entry("setDepartmentHead", Role.WRITER),
            entry("createEmployee", Role.WRITER),
            entry("addEmployeeToDepartment", Role.WRITER),
            entry("linkEmployee", Role.WRITER),
            entry("updateLink", Role.WRITER),
            // the undo of linkEmployee: only the link row goes, both ends stay
            entry("unlinkEmployee", Role.WRITER),
            entry("createUser", Role.WRITER),
            entry("createPost", Role.WRITER),
            entry("setPostOwner", Role.WRITER),
            entry("createAddress", Role.WRITER),
            entry("deleteDepartment", Role.ADMIN),
            entry("deleteEmployee", Role.ADMIN),
            entry("changeDepartmentId", Role.ADMIN),
            entry("changeEmployeeId", Role.ADMIN),
            entry("changeUserId", Role.ADMIN));

    private Permissions() {
    }

    /** The role a Mutation field needs. */
    public static Role mutation(String field) {
        return MUTATIONS.getOrDefault(field, Role.ADMIN);
    }
}
