# The two commands of the README. Both install what they need first (scripts/setup.sh).
.PHONY: report test setup

setup:
	@bash scripts/setup.sh

# The Norwegian sample annual report (national and per health region, PDF and HTML) → reports/no-sarcoma/
report: setup
	node bin/regreport.js build --data sample-data/no-sarcoma --out reports/no-sarcoma

# Typecheck, lint and the whole test suite.
test: setup
	npx --no-install tsc -p tsconfig.test.json
	npx --no-install eslint .
	npx --no-install vitest run
