package dev.kam.team.service;

public class StaffNotFoundException extends RuntimeException {

    public StaffNotFoundException(String employeeId) {
        super("no staff member " + employeeId + " (sync them with PUT /api/v1/staff/" + employeeId + ")");
    }
}
