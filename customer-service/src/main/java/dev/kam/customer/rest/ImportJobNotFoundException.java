package dev.kam.customer.rest;

import java.util.UUID;

/** No import job by this id: never submitted, or expired with its results (kam.import-jobs.keep-for). */
public class ImportJobNotFoundException extends RuntimeException {

    public ImportJobNotFoundException(UUID id) {
        super("no import job " + id + " (finished jobs are kept for kam.import-jobs.keep-for, 7 days by default)");
    }
}
