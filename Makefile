# The two commands of the kit:
#   make lab    set up what is missing, then open JupyterLab on notebooks/ with the Java (interp4j) kernel
#   make test   set up what is missing, then run every test (Maven, notebooks through Jupyter, browser)
# Both call environment/setup.sh, which skips every step that is already done.

VENV := environment/.venv
# Notebooks executed by `make test`: every solution; the kernel smoke notebook while there is none.
SOLUTIONS := $(wildcard solutions/*.ipynb)
NOTEBOOKS ?= $(if $(SOLUTIONS),$(SOLUTIONS),tests/fixtures/kernel-smoke.ipynb)
# Notebook opened by the browser test (the getting-started lecture; its screenshot goes to target/e2e/).
E2E_NOTEBOOK ?= $(firstword $(wildcard solutions/00-getting-started.ipynb) tests/fixtures/kernel-smoke.ipynb)
# PyTorch's OpenMP threads sleep when idle instead of spinning: with anything else running (a browser, a
# second notebook) spinning threads make every forward pass several times slower.
export OMP_WAIT_POLICY ?= PASSIVE
# JupyterLab refuses to run as root unless told (containers and CI run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test setup test-setup test-java test-notebooks test-browser

# New notebooks get the kit's kernel; JJava's plain "java" kernel (no library on its classpath) is hidden.
lab: setup
	mkdir -p notebooks
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG) \
	  --MappingKernelManager.default_kernel_name=interp4j-java \
	  --KernelSpecManager.allowed_kernelspecs=interp4j-java --KernelSpecManager.allowed_kernelspecs=python3

# -k: a failing suite does not stop the others; make still exits non-zero. Each stage is timed
# (tests/stage.sh) and the times are printed at the end, whatever the outcome.
test:
	@rm -f target/test-stages.tsv; status=0; \
	tests/stage.sh set-up environment/setup.sh --for-tests || status=$$?; \
	if [ $$status -eq 0 ]; then $(MAKE) --no-print-directory -k test-java test-notebooks test-browser || status=$$?; fi; \
	tests/stage.sh --summary; exit $$status

setup:
	environment/setup.sh

test-setup:
	environment/setup.sh --for-tests

test-java:
	tests/stage.sh maven mvn -B test

# Two notebooks at a time, each kernel with half the cores.
test-notebooks:
	tests/stage.sh jupyter $(VENV)/bin/python tests/e2e/run_notebooks.py --jobs 2 $(NOTEBOOKS)

test-browser:
	tests/stage.sh browser sh -c 'cd tests/e2e && E2E_NOTEBOOK=$(abspath $(E2E_NOTEBOOK)) node --test lab.test.mjs'
