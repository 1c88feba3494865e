"""A safe parser for a cost J(w) typed by a student, with its exact derivatives.

Grammar (EBNF); nothing else is accepted, and no Python is ever evaluated::

    expr   = term { ("+" | "-") term }
    term   = unary { ("*" | "/") unary }
    unary  = ("+" | "-") unary | power
    power  = atom [ "**" unary ]            (right-associative; -w**2 is -(w**2))
    atom   = number | "w" | func "(" expr ")" | "(" expr ")"
    func   = sin | cos | tan | exp | log | sqrt | abs | tanh

The exponent of ``**`` must be a constant (no w) with |p| <= 20.

Each node knows its value and its derivative, side by side (micrograd-style)::

    d(c) = 0            d(w) = 1              d(-a) = -da
    d(a + b) = da + db  d(a * b) = da b + a db  d(a / b) = (da b - a db) / b^2
    d(a ** p) = p a^(p-1) da
    d(sin a) = cos a da   d(cos a) = -sin a da   d(tan a) = da / cos^2 a
    d(exp a) = exp a da   d(log a) = da / a      d(sqrt a) = da / (2 sqrt a)
    d(abs a) = sign a da  d(tanh a) = (1 - tanh^2 a) da

>>> J = parse_expression("w**4 - 3*w**2 + w")
>>> float(J.cost(2.0)[()]), float(J.slope(2.0)[()]), float(J.curvature(2.0)[()])
(6.0, 21.0, 42.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

import numpy as np
from numpy.typing import ArrayLike

MAX_LENGTH = 200
MAX_POWER = 20.0
MAX_DEPTH = 50

FUNCTIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "tanh": np.tanh,
    "sign": np.sign,  # only produced by differentiating abs; a student cannot type it
}
USER_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh")


class ExpressionError(ValueError):
    """What is wrong with a typed formula, and where (0-based character position)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} (at position {position})")
        self.message = message
        self.position = position


# --- the tree -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Const:
    value: float


@dataclass(frozen=True)
class Var:
    pass


@dataclass(frozen=True)
class Neg:
    a: Node


@dataclass(frozen=True)
class Add:
    a: Node
    b: Node


@dataclass(frozen=True)
class Sub:
    a: Node
    b: Node


@dataclass(frozen=True)
class Mul:
    a: Node
    b: Node


@dataclass(frozen=True)
class Div:
    a: Node
    b: Node


@dataclass(frozen=True)
class Pow:
    a: Node
    p: float


@dataclass(frozen=True)
class Call:
    name: str
    a: Node


Node = Union[Const, Var, Neg, Add, Sub, Mul, Div, Pow, Call]
ZERO, ONE = Const(0.0), Const(1.0)


# Constructors that fold constants and drop zeros and ones, so derivatives stay readable.
def neg(a: Node) -> Node:
    if isinstance(a, Const):
        return Const(-a.value)
    return a.a if isinstance(a, Neg) else Neg(a)


def add(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value + b.value)
    if a == ZERO:
        return b
    if b == ZERO:
        return a
    return Add(a, b)


def sub(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value - b.value)
    if b == ZERO:
        return a
    if a == ZERO:
        return neg(b)
    return Sub(a, b)


def mul(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const):
        return Const(a.value * b.value)
    if a == ZERO or b == ZERO:
        return ZERO
    if a == ONE:
        return b
    if b == ONE:
        return a
    return Mul(a, b)


def div(a: Node, b: Node) -> Node:
    if isinstance(a, Const) and isinstance(b, Const) and b.value != 0:
        return Const(a.value / b.value)
    if a == ZERO:
        return ZERO
    if b == ONE:
        return a
    return Div(a, b)


def power(a: Node, p: float) -> Node:
    if p == 0:
        return ONE
    if p == 1:
        return a
    return Pow(a, p)


def evaluate(node: Node, w: np.ndarray) -> np.ndarray:
    """The node's value at every w (numpy warnings are the caller's to silence)."""
    if isinstance(node, Const):
        return np.full_like(w, node.value)
    if isinstance(node, Var):
        return w
    if isinstance(node, Neg):
        return -evaluate(node.a, w)
    if isinstance(node, Add):
        return evaluate(node.a, w) + evaluate(node.b, w)
    if isinstance(node, Sub):
        return evaluate(node.a, w) - evaluate(node.b, w)
    if isinstance(node, Mul):
        return evaluate(node.a, w) * evaluate(node.b, w)
    if isinstance(node, Div):
        return evaluate(node.a, w) / evaluate(node.b, w)
    if isinstance(node, Pow):
        base = evaluate(node.a, w)
        if float(node.p).is_integer():
            return base ** int(node.p) if node.p > 0 else 1.0 / base ** int(-node.p)
        return np.power(base, node.p)
    return FUNCTIONS[node.name](evaluate(node.a, w))


def derivative(node: Node) -> Node:
    """d(node)/dw, by the rules in the module docstring."""
    if isinstance(node, (Const,)):
        return ZERO
    if isinstance(node, Var):
        return ONE
    if isinstance(node, Neg):
        return neg(derivative(node.a))
    if isinstance(node, Add):
        return add(derivative(node.a), derivative(node.b))
    if isinstance(node, Sub):
        return sub(derivative(node.a), derivative(node.b))
    if isinstance(node, Mul):
        return add(mul(derivative(node.a), node.b), mul(node.a, derivative(node.b)))
    if isinstance(node, Div):
        da, db = derivative(node.a), derivative(node.b)
        return div(sub(mul(da, node.b), mul(node.a, db)), power(node.b, 2.0))
    if isinstance(node, Pow):
        return mul(mul(Const(node.p), power(node.a, node.p - 1)), derivative(node.a))
    a, da = node.a, derivative(node.a)
    outer: Node
    if node.name == "sin":
        outer = Call("cos", a)
    elif node.name == "cos":
        outer = neg(Call("sin", a))
    elif node.name == "tan":
        outer = div(ONE, power(Call("cos", a), 2.0))
    elif node.name == "exp":
        outer = Call("exp", a)
    elif node.name == "log":
        outer = div(ONE, a)
    elif node.name == "sqrt":
        outer = div(ONE, mul(Const(2.0), Call("sqrt", a)))
    elif node.name == "abs":
        outer = Call("sign", a)
    elif node.name == "tanh":
        outer = sub(ONE, power(Call("tanh", a), 2.0))
    else:  # sign: flat wherever it is defined
        return ZERO
    return mul(outer, da)


# --- LaTeX ----------------------------------------------------------------------------------------

_PRECEDENCE = {Add: 1, Sub: 1, Mul: 2, Div: 2, Neg: 3, Pow: 4}


def _number(value: float) -> str:
    return f"{value:g}".replace("e+", r"\times 10^{").replace("e-", r"\times 10^{-") + ("}" if "e" in f"{value:g}" else "")


def to_latex(node: Node) -> str:
    """A readable LaTeX form, with parentheses only where precedence needs them."""

    def wrap(child: Node, level: int) -> str:
        text = to_latex(child)
        child_level = _PRECEDENCE.get(type(child), 5)
        if isinstance(child, Const) and child.value < 0:
            child_level = 3
        return rf"\left({text}\right)" if child_level < level else text

    if isinstance(node, Const):
        return _number(node.value)
    if isinstance(node, Var):
        return "w"
    if isinstance(node, Neg):
        return "-" + wrap(node.a, 3)
    if isinstance(node, Add):
        return f"{to_latex(node.a)} + {wrap(node.b, 1)}"
    if isinstance(node, Sub):
        return f"{to_latex(node.a)} - {wrap(node.b, 2)}"
    if isinstance(node, Mul):
        left, right = wrap(node.a, 2), wrap(node.b, 3)
        joiner = " " if isinstance(node.a, Const) and not isinstance(node.b, Const) else r" \cdot "
        return f"{left}{joiner}{right}"
    if isinstance(node, Div):
        return rf"\frac{{{to_latex(node.a)}}}{{{to_latex(node.b)}}}"
    if isinstance(node, Pow):
        return f"{wrap(node.a, 5)}^{{{_number(node.p)}}}"
    name = {"abs": None, "sign": r"\operatorname{sign}"}.get(node.name, "\\" + node.name)
    if name is None:
        return rf"\left|{to_latex(node.a)}\right|"
    return rf"{name}\left({to_latex(node.a)}\right)"


# --- tokens and parser ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "(", ")", "end"
    text: str
    position: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            j = i
            while j < n and (text[j].isdigit() or text[j] == "."):
                j += 1
            if j < n and text[j] in "eE" and (
                (j + 1 < n and text[j + 1].isdigit()) or (j + 2 < n and text[j + 1] in "+-" and text[j + 2].isdigit())
            ):
                j += 2
                while j < n and text[j].isdigit():
                    j += 1
            literal = text[i:j]
            if literal.count(".") > 1:
                raise ExpressionError(f"'{literal}' is not a number (two decimal points)", i)
            if j < n and (text[j].isalpha() or text[j] == "_"):
                raise ExpressionError(f"a number is followed by '{text[j]}': write a * between them, e.g. 2*w", j)
            tokens.append(Token("num", literal, i))
            i = j
            continue
        if ch.isalpha() or ch == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            tokens.append(Token("name", text[i:j], i))
            i = j
            continue
        if text.startswith("**", i):
            tokens.append(Token("op", "**", i))
            i += 2
            continue
        if ch in "+-*/":
            tokens.append(Token("op", ch, i))
            i += 1
            continue
        if ch in "()":
            tokens.append(Token(ch, ch, i))
            i += 1
            continue
        if ch == "^":
            raise ExpressionError("'^' is not a power here: write w**2 for w squared", i)
        if ch in "'\"":
            raise ExpressionError("text in quotes is not allowed: use numbers, w and + - * / **", i)
        if ch in "[]":
            raise ExpressionError("square brackets are not allowed: use ( ) for grouping", i)
        if ch == ".":
            raise ExpressionError("'.' is only allowed inside a number such as 0.5", i)
        if ch == ",":
            raise ExpressionError("',' is not allowed: each function takes exactly one argument, e.g. sin(w)", i)
        if ch == "=":
            raise ExpressionError("type only the right-hand side of J(w) = ..., without '='", i)
        raise ExpressionError(f"the character '{ch}' is not allowed: use numbers, w, + - * / ** and ( )", i)
    tokens.append(Token("end", "", n))
    return tokens


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def nest(self, position: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(f"the formula is nested too deeply (more than {MAX_DEPTH} levels)", position)

    def expr(self) -> Node:
        node = self.term()
        while self.token.kind == "op" and self.token.text in "+-":
            op = self.take().text
            right = self.term()
            node = Add(node, right) if op == "+" else Sub(node, right)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self.token.kind == "op" and self.token.text in ("*", "/"):
            op = self.take().text
            right = self.unary()
            node = Mul(node, right) if op == "*" else Div(node, right)
        return node

    def unary(self) -> Node:
        if self.token.kind == "op" and self.token.text in "+-":
            token = self.take()
            self.nest(token.position)
            operand = self.unary()
            self.depth -= 1
            return operand if token.text == "+" else Neg(operand)
        return self.power()

    def power(self) -> Node:
        base = self.atom()
        if self.token.kind == "op" and self.token.text == "**":
            token = self.take()
            start = self.token.position
            self.nest(token.position)
            exponent = self.unary()
            self.depth -= 1
            if _has_w(exponent):
                raise ExpressionError("the exponent must be a number, not contain w (w**2 is fine, w**w is not)", start)
            with np.errstate(all="ignore"):
                p = float(evaluate(exponent, np.zeros(1))[0])
            if not np.isfinite(p) or abs(p) > MAX_POWER:
                raise ExpressionError(f"the power is too large: keep exponents between -{MAX_POWER:g} and {MAX_POWER:g}", start)
            return Pow(base, p)
        return base

    def atom(self) -> Node:
        token = self.token
        if token.kind == "num":
            self.take()
            return Const(float(token.text))
        if token.kind == "name":
            self.take()
            if token.text == "w":
                if self.token.kind == "(":
                    raise ExpressionError("w is not a function: write w*(...) to multiply", self.token.position)
                return Var()
            if token.text in USER_FUNCTIONS:
                if self.token.kind != "(":
                    raise ExpressionError(f"{token.text} needs its argument in parentheses, e.g. {token.text}(w)", self.token.position)
                self.take()
                self.nest(token.position)
                argument = self.expr()
                self.depth -= 1
                if self.token.kind != ")":
                    raise ExpressionError(f"{token.text}( is not closed: add ')'", self.token.position)
                self.take()
                return Call(token.text, argument)
            allowed = ", ".join(USER_FUNCTIONS)
            raise ExpressionError(f"unknown name '{token.text}': the only variable is w and the functions are {allowed}", token.position)
        if token.kind == "(":
            self.take()
            self.nest(token.position)
            inner = self.expr()
            self.depth -= 1
            if self.token.kind != ")":
                raise ExpressionError("a '(' is not closed: add ')'", self.token.position)
            self.take()
            return inner
        if token.kind == "end":
            raise ExpressionError("the formula ends too early: something is missing after the last operator", token.position)
        if token.kind == ")":
            raise ExpressionError("unexpected ')': there is no '(' for it to close, or something is missing before it", token.position)
        raise ExpressionError(f"unexpected '{token.text}': a number, w, a function or '(' was expected here", token.position)


def _has_w(node: Node) -> bool:
    if isinstance(node, Var):
        return True
    return any(_has_w(getattr(node, field)) for field in ("a", "b") if hasattr(node, field))


@dataclass(frozen=True)
class Expression:
    """A parsed J(w) with its exact first and second derivatives, vectorised over numpy arrays."""

    text: str
    tree: Node
    slope_tree: Node
    curvature_tree: Node

    def _run(self, tree: Node, w: ArrayLike) -> np.ndarray:
        w_arr = np.asarray(w, dtype=float)
        with np.errstate(all="ignore"):
            return np.asarray(evaluate(tree, w_arr), dtype=float)

    def cost(self, w: ArrayLike) -> np.ndarray:
        """J(w)."""
        return self._run(self.tree, w)

    def slope(self, w: ArrayLike) -> np.ndarray:
        """dJ/dw, exact."""
        return self._run(self.slope_tree, w)

    def curvature(self, w: ArrayLike) -> np.ndarray:
        """d2J/dw2, exact."""
        return self._run(self.curvature_tree, w)

    def to_latex(self) -> str:
        return to_latex(self.tree)


def parse_expression(text: str) -> Expression:
    """Parse a typed J(w); raises ExpressionError saying what is wrong and where."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"the formula is too long ({len(text)} characters; at most {MAX_LENGTH})", MAX_LENGTH)
    if not text.strip():
        raise ExpressionError("type a formula in w, e.g. w**2", 0)
    parser = _Parser(tokenize(text))
    tree = parser.expr()
    if parser.token.kind != "end":
        token = parser.token
        hint = " (a '*' may be missing)" if token.kind in ("num", "name", "(") else ""
        raise ExpressionError(f"unexpected '{token.text}'{hint}", token.position)
    slope_tree = derivative(tree)
    return Expression(text=text, tree=tree, slope_tree=slope_tree, curvature_tree=derivative(slope_tree))
