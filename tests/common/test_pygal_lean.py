from lxml import etree
from pygal.svg import Svg

from common.pygal_lean import _Svg


def _element(writer_class, attrib, extras):
    writer = writer_class.__new__(writer_class)
    writer.root = etree.Element("svg")
    writer.node(writer.root, "rect", dict(attrib) if attrib is not None else None, **extras)
    return etree.tostring(writer.root)


def test_the_svg_writer_makes_the_same_elements_as_pygal():
    cases = [
        (None, {"class_": "dot reactive", "cx": 1.5, "cy": 250.25, "r": 5}),
        (None, {"x": 1, "y": 2, "width": 3.5, "height": 0, "class_": "rect"}),
        (None, {"x": 10, "y": 2, "width": -3, "height": -4, "class_": "rect"}),  # flipped
        (None, {"x": 1, "width": None}),
        (None, {"href": "#here", "class_": "link"}),
        (None, {"class_": "from keyword", "class": "plain"}),
        ({"text-anchor": "middle"}, {"x": 1, "class_": "value"}),
        ({}, {"id_": "a", "y": 2}),
    ]
    for attrib, extras in cases:
        assert _element(_Svg, attrib, extras) == _element(Svg, attrib, extras), extras
