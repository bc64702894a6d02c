"""사후관리: after selection — processing obligations, inspections and usage checks, integrity signals and
the sanctions that follow a confirmed case."""
