"""Hub services: every write at the hub (enrolment, batches, purges, notices, reports, board)."""
