// Filled by the forecast issue.
