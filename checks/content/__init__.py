"""The words Checkup shows beside findings: guidance articles, the principles they rest on,
printable handouts and the questions a person answers themself."""
