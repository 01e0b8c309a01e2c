"""Self-test of run_notebooks.py's output rules, on hand-made notebooks (no kernel, no Jupyter server).

    environment/.venv/bin/python -m unittest tests/e2e/test_run_notebooks.py
"""
import os
import sys
import unittest

from nbformat.v4 import new_code_cell, new_notebook, new_output

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_notebooks import problems_in  # noqa: E402


def stream(text, name="stdout"):
    return new_output("stream", name=name, text=text)


def result(text, **more):
    return new_output("execute_result", data={"text/plain": text, **more}, execution_count=1)


def display(data):
    return new_output("display_data", data=data)


def problems(*outputs):
    """problems_in for a notebook of one cell holding these outputs, after a clean first cell."""
    return problems_in(new_notebook(cells=[new_code_cell("1 + 1", outputs=[result("2")]),
                                           new_code_cell("...", outputs=list(outputs))]))


class Rules(unittest.TestCase):

    def assertFlags(self, why, *outputs):
        found = problems(*outputs)
        self.assertEqual(len(found), 1, found)
        self.assertTrue(found[0].startswith("cell 1: " + why), found)

    def assertClean(self, *outputs):
        self.assertEqual(problems(*outputs), [])

    def test_clean_outputs(self):
        self.assertClean(stream("pi is about 3.142\n"), result("a String"), result(""),
                         display({"image/png": "iVBORw0KGgo", "text/plain": "chart: sin(x)"}))

    def test_error_output(self):
        found = problems(new_output("error", ename="CompilationException", evalue="cannot find symbol\nmore",
                                    traceback=["\tat org.x.Y.z(Y.java:1)"]))
        self.assertEqual(found, ["cell 1: CompilationException: cannot find symbol"])

    def test_printstream_echo(self):
        self.assertFlags("PrintStream echo", stream("x = 1\n"), result("java.io.PrintStream@1b2c3d"))
        self.assertFlags("PrintStream echo", result("java.io.PrintWriter@b15055a"))
        self.assertFlags("PrintStream echo", display({"text/html": "<pre>java.io.PrintStream@7f3a</pre>"}))
        self.assertIn("'java.io.PrintStream@1b2c3d'", problems(result("java.io.PrintStream@1b2c3d"))[0])

    def test_printstream_words_are_not_an_echo(self):
        self.assertClean(stream("System.out is a PrintStream; printf returns the PrintStream\n"))

    def test_stack_trace(self):
        self.assertFlags("Java stack trace", stream("java.lang.IllegalStateException: boom\n"
                                                    "\tat org.interp4j.model.Foo.bar(Foo.java:12)\n", "stderr"))
        self.assertFlags("Java stack trace", stream("\tat java.base/java.lang.Thread.run(Thread.java:1583)\n"))
        self.assertFlags("Java stack trace", stream("        at REPL.$JShell$12.do_it$($JShell$12.java:5)\n"))
        self.assertFlags("Java stack trace", stream('Exception in thread "main" java.lang.NullPointerException\n'))
        self.assertFlags("Java stack trace", result("wrapped\nCaused by: java.io.IOException: gone"))

    def test_prose_is_not_a_stack_trace(self):
        self.assertClean(stream("  at the end of layer 3 (the last one) the unit fires\n"
                                "the cause: Caused by nothing\nan exception in thread pools is rare\n"))

    def test_nan_as_a_word(self):
        self.assertFlags("NaN printed", stream("loss = NaN\n"))
        self.assertFlags("NaN printed", result("[0.5, NaN, 0.25]"))
        self.assertFlags("NaN printed", stream("-NaN\n"))
        self.assertFlags("NaN printed", stream("ap: NaN.\n"))

    def test_nan_inside_other_words_or_types(self):
        self.assertClean(stream("Double.isNaN(x) is false; no NaNs; Double.NaN is a constant; NaNa\n"),
                         result("isNaN"),
                         display({"text/html": "<td>NaN</td>"}),  # NaN is checked in text/plain and streams only
                         display({"image/png": "AAAANaNBBBB"}))

    def test_one_line_per_rule_and_output_in_cell_order(self):
        nb = new_notebook(cells=[new_code_cell("a", outputs=[stream("NaN NaN\nNaN\n")]),
                                 new_code_cell("b", outputs=[result("java.io.PrintStream@1\nNaN")])])
        found = problems_in(nb)
        self.assertEqual([f[:f.index(" output: ")] for f in found],
                         ["cell 0: NaN printed in stream",
                          "cell 1: PrintStream echo (printf as last statement?) in text/plain",
                          "cell 1: NaN printed in text/plain"])

    def test_multiline_text_stored_as_lists(self):
        self.assertFlags("NaN printed", {"output_type": "stream", "name": "stdout", "text": ["a = 1\n", "b = NaN\n"]})


if __name__ == "__main__":
    unittest.main()
