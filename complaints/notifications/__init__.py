"""Who is told what when something happens to a case: receivers of the domain
signals (`complaints.signals`), connected by `ComplaintsConfig.ready`."""
