"""gd_core: the mathematics behind the gradient-descent lessons (numpy only, no Streamlit).

Modules, one idea each:

- ``expression``  a safe parser for a typed cost J(w), with its exact derivative
- ``curves``      the catalogue of 1-D cost curves J(w) with dJ/dw and known minima
- ``descent``     1-D gradient descent  w := w - alpha * dJ/dw, stability and basins
- ``verdict``     a plain-words verdict on a run (converged / oscillating / diverged / creeping)
- ``linreg``      linear regression with the course's names: compute_cost, compute_gradient,
                  gradient_descent, plus least squares, scaling and the stable-alpha bound
- ``surface``     a hilly two-parameter cost J(w, b) with several valleys
- ``data``        from the bytes of a CSV upload to numeric columns, or a clear error
"""
