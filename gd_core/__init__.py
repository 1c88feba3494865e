"""gd_core: the mathematics behind the gradient-descent lessons (numpy only, no Streamlit).

Modules, one idea each:

- ``expression``   a safe parser for a typed cost J(w), with its exact derivatives
- ``symbolic``     formula trees: value, derivative rule beside value rule, LaTeX
- ``curves``       the catalogue of 1-D cost curves J(w) with dJ/dw and known minima
- ``update``       update rules as data: init and step, pure (simultaneous, sequential, momentum);
                   the one place w := w - alpha * dJ/dw is written
- ``loop``         the loop that runs a rule on one start (floats), the one divergence policy and
                   the one alpha check (``loop_many``: many starts or alphas at once, on arrays)
- ``cost_curve``   what a 1-D cost curve is to the loops: J(w), dJ/dw, one value of either
- ``descent``      1-D gradient descent  w := w - alpha * dJ/dw, one run and its path
- ``stability``    the curvature at a minimum and the largest stable alpha 2 / J''(w*)
- ``basins``       which minimum each of many starts reaches
- ``stop_rule``    the lesson's convergence: a step small against the plotted range, near a minimum
- ``sweep``        many alphas from one start at once, and the fastest of them
- ``frozen``       read-only result arrays, and why a run stopped
- ``verdict``      what a 1-D run did, as a kind and its facts (the rules for every page's
                   verdicts; ``verdict_moving``: a run still on the move; ``path_facts``: what
                   the path shows, minima near it, the fastest alpha)
- ``regression_verdict``  the same for a run on J(w, b)
- ``verdict_data``  a verdict as data: its kind, form and facts (shared by every classifier)
- ``verdict_words`` the one function that writes a verdict's sentence from its facts
- ``run_facts``    facts about runs that captions rely on (steps shrink, sweeps, update factors)
- ``wording``      numbers written so that arithmetic and comparisons hold as printed
- ``linreg``       linear regression with the course's names: compute_cost, compute_gradient,
                   gradient_descent (the public names of ``sums`` and ``scaling`` too)
- ``sums``         the centred sums that fix J(w, b): cost and gradient (written once, ``formulas``),
                   least squares, stable alpha
- ``scaling``      z-score features and map parameters between scaled and original units
- ``fit``          a run on a dataset's sums, with or without scaling, in the data's units
- ``reveal``       a run cut to its start: what a page draws before a prediction is committed
- ``auto_alpha``   a learning rate chosen from the data's own stable limit
- ``surface``      a hilly two-parameter cost J(w, b) with several valleys, and where a start settles
- ``momentum_landscape``  plain descent against momentum from one start on it, a start where
                   momentum rolls over the ridge, and the sentence that says what both did
- ``data``         from the bytes of an upload (``formats``: its kind; ``workbook``: .xlsx) to
                   numeric columns, or a clear error
- ``log_parse``    a pasted gradient-descent log, read with the precision it was printed with
                   (``log_formats``: the formats it comes in, read into rows)
- ``bug_catalogue`` the classic mistakes in the lab's loop, each an update rule to simulate
                   (``bug_rules``: the rules themselves, as ``update`` rules)
- ``log_fit``      how closely one simulated run reproduces a log: misfit in half units of the
                   last printed digit
- ``log_match``    which mistake reproduces a log: every entry simulated, fitted and ranked
- ``log_verdict``  that verdict as data (a kind and its facts), and the one function that words it
"""
