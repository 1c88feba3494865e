"""The class view: a teacher runs a question for the whole class (Peer Instruction), students answer on their phones."""

from ui.app.page import open_lesson
from ui.views.class_page import class_page

lesson = open_lesson("class")
class_page()
