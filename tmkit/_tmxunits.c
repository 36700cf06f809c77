/* Translation units out of a parsed block of TMX <tu> elements, walking libxml2's nodes
 * through lxml's public C API instead of making a Python proxy for every element.
 *
 * It reads only the common shape: <tuv xml:lang> whose last child is a <seg> holding text
 * alone, with <prop>s and <note>s of text alone beside them. Any other <tu> (inline codes, a
 * missing language or segment, no <tuv>, anything where a record should be) comes back as its
 * lxml element, and the Python reader (tmkit.formats.tmx.TmxReader._unit) reads it or reports
 * its error, so the two readers cannot disagree. Text is lxml's own textOf (what .text gives);
 * an attribute held as one text node is decoded here, any other is lxml's .get(). Because an
 * element of text alone keeps even whitespace-only text when libxml2 drops ignorable blanks,
 * this walk reads a block parsed that way (tmkit.xmlrecords.Block) just as it reads the exact
 * one. Linear in the number of nodes. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "lxml-version.h"
#include "etree_defs.h"
#include "etree_api.h"

static const xmlChar XML_NAMESPACE_HREF[] = "http://www.w3.org/XML/1998/namespace";

/* An element with no namespace and this local name: what lxml's tag == name means. */
static int is_named(xmlNode *node, const char *name) {
    return node->type == XML_ELEMENT_NODE && node->ns == NULL &&
           strcmp((const char *)node->name, name) == 0;
}

/* An attribute's value as lxml's .get() reads it (NULL when absent); -1 on an error. */
static int lxml_attribute(xmlNode *node, const xmlChar *href, const char *name, PyObject **value) {
    PyObject *found = attributeValueFromNsName(node, href, (const xmlChar *)name);
    if (found == NULL) {
        return -1;
    }
    if (found == Py_None) {
        Py_DECREF(found);
    } else {
        *value = found;
    }
    return 0;
}

/* The attribute's value, or NULL (no exception) when it is absent; -1 on an error. A value
 * held as one text node is decoded here; any other (an entity reference in it, a default from
 * a DTD) is left to lxml's own attributeValueFromNsName. */
static int attribute(xmlNode *node, const xmlChar *href, const char *name, PyObject **value) {
    *value = NULL;
    for (xmlAttr *attr = node->properties; attr; attr = attr->next) {
        if (strcmp((const char *)attr->name, name) != 0 ||
            (href == NULL ? attr->ns != NULL
                          : attr->ns == NULL ||
                                strcmp((const char *)attr->ns->href, (const char *)href) != 0)) {
            continue;
        }
        xmlNode *text = attr->children;
        if (text != NULL && text->type == XML_TEXT_NODE && text->next == NULL &&
            text->content != NULL) {
            const char *utf8 = (const char *)text->content;
            *value = PyUnicode_DecodeUTF8(utf8, (Py_ssize_t)strlen(utf8), NULL);
            return *value == NULL ? -1 : 0;
        }
        return lxml_attribute(node, href, name, value);
    }
    if (node->doc != NULL && node->doc->intSubset != NULL) {
        return lxml_attribute(node, href, name, value);
    }
    return 0;
}

/* Text as `.text or default`. */
static PyObject *text_or(xmlNode *node, PyObject *fallback) {
    PyObject *text = textOf(node);
    if (text == Py_None) {
        Py_DECREF(text);
        Py_INCREF(fallback);
        return fallback;
    }
    return text;
}

/* Builds instances of a slots dataclass whose fields are `names`, in order: allocated and
 * filled through the slots' own descriptors, as unpickling does, because calling the class
 * runs its Python __init__, which costs more than reading the unit. A class with a
 * __post_init__ (or fields that are not slots) is called instead. */
#define MAX_FIELDS 8
typedef struct {
    PyTypeObject *type;
    PyObject *fields[MAX_FIELDS]; /* member descriptors; NULL when the class must be called */
    int count;
} Maker;

static int maker_init(Maker *maker, PyObject *cls, const char *const *names, int count) {
    if (!PyType_Check(cls)) {
        PyErr_SetString(PyExc_TypeError, "units() needs the unit and variant classes");
        return -1;
    }
    if (count > MAX_FIELDS) { /* a field added to the class without raising MAX_FIELDS */
        PyErr_SetString(PyExc_SystemError, "units(): more fields than MAX_FIELDS");
        return -1;
    }
    maker->type = (PyTypeObject *)cls;
    maker->count = count;
    int direct = !PyObject_HasAttrString(cls, "__post_init__");
    for (int i = 0; i < count; i++) {
        maker->fields[i] = NULL;
        PyObject *field = direct ? PyObject_GetAttrString(cls, names[i]) : NULL;
        if (field == NULL || !Py_IS_TYPE(field, &PyMemberDescr_Type)) {
            PyErr_Clear();
            Py_XDECREF(field);
            direct = 0;
            continue;
        }
        maker->fields[i] = field;
    }
    if (!direct) {
        for (int i = 0; i < count; i++) {
            Py_CLEAR(maker->fields[i]);
        }
    }
    return 0;
}

static void maker_clear(Maker *maker) {
    for (int i = 0; i < maker->count; i++) {
        Py_CLEAR(maker->fields[i]);
    }
}

static PyObject *make(Maker *maker, PyObject *const *values) {
    if (maker->fields[0] == NULL) {
        return PyObject_Vectorcall((PyObject *)maker->type, values, maker->count, NULL);
    }
    PyObject *made = maker->type->tp_alloc(maker->type, 0);
    if (made == NULL) {
        return NULL;
    }
    for (int i = 0; i < maker->count; i++) {
        PyObject *field = maker->fields[i];
        if (Py_TYPE(field)->tp_descr_set(field, made, values[i]) < 0) {
            Py_DECREF(made);
            return NULL;
        }
    }
    return made;
}

static const char *const UNIT_FIELDS[] = {"variants", "tuid",    "creationdate", "props",
                                          "notes",    "segtype", "needs_review", "srclang"};
static const char *const VARIANT_FIELDS[] = {"lang", "text", "markup"};

/* What reading one block needs besides its nodes. */
typedef struct {
    Maker unit, variant;
    PyObject *empty; /* "" */
} Context;

/* A <tuv>'s Variant; Py_None (new reference) when the Python reader must look at it. */
static PyObject *read_variant(xmlNode *tuv, Context *context) {
    PyObject *lang = NULL;
    if (attribute(tuv, XML_NAMESPACE_HREF, "lang", &lang) < 0) {
        return NULL;
    }
    if (lang == NULL || PyUnicode_GET_LENGTH(lang) == 0) {
        Py_XDECREF(lang);
        if (attribute(tuv, NULL, "lang", &lang) < 0) {
            return NULL;
        }
    }
    xmlNode *seg = findChildBackwards(tuv, 0);
    if (lang == NULL || PyUnicode_GET_LENGTH(lang) == 0 || seg == NULL ||
        !is_named(seg, "seg") || hasChild(seg)) {
        Py_XDECREF(lang);
        Py_RETURN_NONE;
    }
    PyObject *text = text_or(seg, context->empty);
    if (text == NULL) {
        Py_DECREF(lang);
        return NULL;
    }
    PyObject *values[] = {lang, text, Py_None};
    PyObject *variant = make(&context->variant, values);
    Py_DECREF(lang);
    Py_DECREF(text);
    return variant;
}

/* A <prop>'s (type, text) pair. */
static PyObject *read_prop(xmlNode *prop, PyObject *empty) {
    PyObject *type = NULL;
    if (attribute(prop, NULL, "type", &type) < 0) {
        return NULL;
    }
    if (type == NULL) {
        type = Py_NewRef(empty);
    }
    PyObject *text = text_or(prop, empty);
    if (text == NULL) {
        Py_DECREF(type);
        return NULL;
    }
    PyObject *pair = PyTuple_Pack(2, type, text);
    Py_DECREF(type);
    Py_DECREF(text);
    return pair;
}

/* Append a new reference to a list, taking it over; -1 on an error. */
static int append_new(PyObject *list, PyObject *item) {
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

/* A <tu>'s TranslationUnit; Py_None (new reference) when the Python reader must read it. */
static PyObject *read_unit(xmlNode *tu, Context *context) {
    PyObject *empty = context->empty;
    PyObject *variants = PyList_New(0), *props = PyList_New(0), *notes = PyList_New(0);
    PyObject *tuid = NULL, *date = NULL, *segtype = NULL, *srclang = NULL, *unit = NULL;
    if (variants == NULL || props == NULL || notes == NULL) {
        goto done;
    }
    for (xmlNode *child = findChildForwards(tu, 0); child; child = nextElement(child)) {
        if (is_named(child, "tuv")) {
            PyObject *variant = read_variant(child, context);
            if (variant == Py_None) {
                unit = variant;
                goto done;
            }
            if (append_new(variants, variant) < 0) {
                goto done;
            }
        } else if ((is_named(child, "prop") || is_named(child, "note")) && hasChild(child)) {
            unit = Py_NewRef(Py_None); /* text beside elements: only a tree with every text
                                          node has all of it */
            goto done;
        } else if (is_named(child, "prop")) {
            if (append_new(props, read_prop(child, empty)) < 0) {
                goto done;
            }
        } else if (is_named(child, "note")) {
            if (append_new(notes, text_or(child, empty)) < 0) {
                goto done;
            }
        }
    }
    if (PyList_GET_SIZE(variants) == 0) {
        unit = Py_NewRef(Py_None);
        goto done;
    }
    if (attribute(tu, NULL, "tuid", &tuid) < 0 || attribute(tu, NULL, "creationdate", &date) < 0 ||
        attribute(tu, NULL, "segtype", &segtype) < 0 ||
        attribute(tu, NULL, "srclang", &srclang) < 0) {
        goto done;
    }
    /* A TMX unit is a translation to reuse: never one marked for review. */
    PyObject *values[] = {variants, tuid ? tuid : Py_None, date ? date : Py_None, props, notes,
                          segtype ? segtype : Py_None, Py_False, srclang ? srclang : Py_None};
    unit = make(&context->unit, values);
done:
    Py_XDECREF(variants);
    Py_XDECREF(props);
    Py_XDECREF(notes);
    Py_XDECREF(tuid);
    Py_XDECREF(date);
    Py_XDECREF(segtype);
    Py_XDECREF(srclang);
    return unit;
}

static PyObject *units(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "units(block, unit_class, variant_class)");
        return NULL;
    }
    struct LxmlElement *block = rootNodeOrRaise(args[0]);
    if (block == NULL) {
        return NULL;
    }
    Context context = {.empty = PyUnicode_New(0, 0)};
    PyObject *result = NULL;
    if (context.empty == NULL ||
        maker_init(&context.unit, args[1], UNIT_FIELDS, 8) < 0 ||
        maker_init(&context.variant, args[2], VARIANT_FIELDS, 3) < 0 ||
        (result = PyList_New(0)) == NULL) {
        goto done;
    }
    for (xmlNode *tu = findChildForwards(block->_c_node, 0); tu; tu = nextElement(tu)) {
        PyObject *unit = is_named(tu, "tu") ? read_unit(tu, &context) : Py_NewRef(Py_None);
        if (unit == Py_None) {
            Py_DECREF(unit);
            unit = (PyObject *)elementFactory(block->_doc, tu);
        }
        if (append_new(result, unit) < 0) {
            Py_CLEAR(result);
            break;
        }
    }
done:
    maker_clear(&context.unit);
    maker_clear(&context.variant);
    Py_XDECREF(context.empty);
    Py_DECREF(block);
    return result;
}

static PyMethodDef methods[] = {
    {"units", (PyCFunction)(void (*)(void))units, METH_FASTCALL,
     "units(block, unit_class, variant_class): for each child <tu> of a parsed block, its "
     "unit, or the element itself where the Python reader must read it."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "tmkit._tmxunits",
    "TMX units read from libxml2's nodes without a proxy per element.", -1, methods,
};

PyMODINIT_FUNC PyInit__tmxunits(void) {
    if (import_lxml__etree() < 0) {
        return NULL;
    }
    return PyModule_Create(&module_def);
}
