package dev.kam.team.service;

/** A staff record names a manager the directory does not know (answered 409 naming managerId). */
public class UnknownManagerException extends RuntimeException {

    public UnknownManagerException(String employeeId, String managerId) {
        super("managerId names " + managerId + ", who is not in the staff directory; sync " + managerId + " before " + employeeId);
    }
}
