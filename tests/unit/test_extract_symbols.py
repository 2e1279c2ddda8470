"""Symbols: names, qualified names, kinds, spans, export status and signatures."""

from code_graph.extract import extract_file
from code_graph.extract.values import VALUE_USES
from code_graph.model import ExportStatus, Span, Symbol, SymbolKind

NAMED, DEFAULT, NONE = ExportStatus.NAMED, ExportStatus.DEFAULT, ExportStatus.NONE


def symbols(code: str, path: str = "src/mod.ts") -> dict[str, Symbol]:
    return {symbol.qualified_name: symbol for symbol in extract_file(path, code.encode()).symbols}


def kinds(code: str, path: str = "src/mod.ts") -> dict[str, SymbolKind]:
    return {name: symbol.kind for name, symbol in symbols(code, path).items()}


def test_function_declaration_has_span_signature_and_no_export() -> None:
    found = symbols("function add(a: number, b: number): number {\n  return a + b;\n}\n")
    assert found == {
        "add": Symbol(
            name="add",
            qualified_name="add",
            kind=SymbolKind.FUNCTION,
            span=Span(1, 1, 3, 2),
            export=NONE,
            parent=None,
            signature="function add(a: number, b: number): number",
        )
    }


def test_nested_function_is_qualified_by_its_outer_function() -> None:
    found = symbols("function outer() {\n  function inner() {}\n}")
    assert found["outer.inner"].name == "inner"
    assert found["outer.inner"].parent == "outer"
    assert found["outer.inner"].span == Span(2, 3, 2, 22)


def test_async_and_generator_functions_keep_their_modifiers_in_the_signature() -> None:
    found = symbols("async function load(): Promise<void> {}\nfunction* ids() {}")
    assert found["load"].signature == "async function load(): Promise<void>"
    assert found["ids"].signature == "function* ids()"


def test_local_variables_inside_functions_are_not_symbols() -> None:
    assert set(symbols("function f() { const local = 1; let other = () => 2; }")) == {"f"}


def test_class_members_are_methods_and_properties_qualified_by_the_class() -> None:
    code = """class Account<T> extends Base implements Audited {
  private balance: number = 0;
  static count;
  constructor(owner: string) { super(); }
  get total(): number { return this.balance; }
  static create(): Account<T> { return new Account('x'); }
}"""
    assert kinds(code) == {
        "Account": SymbolKind.CLASS,
        "Account.balance": SymbolKind.PROPERTY,
        "Account.count": SymbolKind.PROPERTY,
        "Account.constructor": SymbolKind.METHOD,
        "Account.total": SymbolKind.METHOD,
        "Account.create": SymbolKind.METHOD,
    }
    found = symbols(code)
    assert found["Account"].signature == "class Account<T> extends Base implements Audited"
    assert found["Account.balance"].signature == "private balance: number"
    assert found["Account.create"].signature == "static create(): Account<T>"
    assert found["Account.create"].parent == "Account"


def test_abstract_class_and_abstract_method_signatures_are_symbols() -> None:
    found = symbols("export abstract class Shape {\n  abstract area(): number;\n}")
    assert found["Shape"].kind is SymbolKind.CLASS
    assert found["Shape"].signature == "abstract class Shape"
    assert found["Shape.area"].kind is SymbolKind.METHOD
    assert found["Shape.area"].signature == "abstract area(): number"


def test_decorators_are_left_out_of_signatures() -> None:
    found = symbols("@Component({ a: 1 })\nclass View {\n  @Input() name: string;\n}")
    assert found["View"].signature == "class View"
    assert found["View.name"].signature == "name: string"


def test_overloaded_function_is_one_symbol_with_the_implementation_signature() -> None:
    code = "function f(a: string): void;\nfunction f(a: number): void;\nfunction f(a: any) {}"
    found = extract_file("a.ts", code.encode()).symbols
    assert [(s.qualified_name, s.signature, s.span.line) for s in found] == [
        ("f", "function f(a: any)", 3)
    ]


def test_class_expression_assigned_to_a_constant_is_a_class_with_members() -> None:
    found = symbols("const Model = class extends Base {\n  save() {}\n};")
    assert found["Model"].kind is SymbolKind.CLASS
    assert found["Model"].signature == "const Model = class extends Base"
    assert found["Model.save"].kind is SymbolKind.METHOD


def test_members_of_a_class_expression_without_a_name_are_not_symbols() -> None:
    assert set(symbols("register(class {\n  save() {}\n});")) == set()


def test_interface_members_are_methods_and_properties() -> None:
    found = symbols(
        "export interface Props extends Base {\n  label: string;\n  onClick(): void;\n}"
    )
    assert found["Props"].signature == "interface Props extends Base"
    assert found["Props"].export is NAMED
    assert found["Props.label"].kind is SymbolKind.PROPERTY
    assert found["Props.label"].signature == "label: string"
    assert found["Props.onClick"].kind is SymbolKind.METHOD


def test_type_alias_signature_is_the_whole_declaration_on_one_line() -> None:
    found = symbols("type Id =\n  | string\n  | number;")
    assert found["Id"].kind is SymbolKind.TYPE
    assert found["Id"].signature == "type Id = | string | number"


def test_long_signatures_are_cut_at_a_token_boundary_with_one_ellipsis() -> None:
    members = " | ".join(f"'value{index}'" for index in range(40))
    signature = symbols(f"type Long = {members};")["Long"].signature
    assert 180 < len(signature) <= 200
    assert signature.endswith(" …") and signature.count("…") == 1
    assert signature[:-2].endswith(("'", "|"))  # no token cut in two
    assert signature.startswith("type Long = 'value0' | 'value1'")


def test_signatures_leave_comments_out_and_keep_strings() -> None:
    code = (
        "export class Context< // eslint-disable-next-line @typescript-eslint/no-explicit-any\n"
        "  E extends Env = any, /* the path */ P extends string = '//x',\n> {}"
    )
    signature = symbols(code)["Context"].signature
    assert signature == "class Context<E extends Env = any, P extends string = '//x'>"


def test_an_arrow_function_cut_short_has_one_ellipsis() -> None:
    parameters = ", ".join(f"argument{index}: number" for index in range(20))
    signature = symbols(f"export const f = ({parameters}) => 1;")["f"].signature
    assert signature.count("…") == 1 and len(signature) <= 200


def test_enum_members_are_properties_of_their_enum() -> None:
    found = symbols("const enum Color { Red, Green = 'g', 'dark-blue' = 3 }")
    assert [(s.qualified_name, s.parent, s.kind) for s in found.values()] == [
        ("Color", None, SymbolKind.ENUM),
        ("Color.Red", "Color", SymbolKind.PROPERTY),
        ("Color.Green", "Color", SymbolKind.PROPERTY),
        ("Color.dark-blue", "Color", SymbolKind.PROPERTY),
    ]
    assert found["Color"].signature == "const enum Color"
    assert found["Color.Green"].signature == "Green = 'g'"


def test_dotted_namespace_gives_a_symbol_for_each_part() -> None:
    found = symbols("namespace Outer.Inner {\n  export function f() {}\n}")
    assert [(s.qualified_name, s.parent, s.kind) for s in found.values()] == [
        ("Outer", None, SymbolKind.NAMESPACE),
        ("Outer.Inner", "Outer", SymbolKind.NAMESPACE),
        ("Outer.Inner.f", "Outer.Inner", SymbolKind.FUNCTION),
    ]
    assert found["Outer.Inner.f"].export is NAMED


def test_ambient_module_is_named_by_its_string_and_its_members_are_exported() -> None:
    found = symbols("declare module 'left-pad' {\n  function pad(s: string): string;\n}", "a.d.ts")
    assert found["left-pad"].kind is SymbolKind.NAMESPACE
    assert found["left-pad"].signature == "declare module 'left-pad'"
    assert found["left-pad.pad"].export is NAMED


def test_declare_global_members_are_exported_top_level_symbols() -> None:
    found = symbols("declare global {\n  interface Window { app: App }\n  var DEBUG: boolean;\n}")
    assert found["Window"].export is NAMED
    assert found["Window"].parent is None
    assert found["DEBUG"].export is NAMED


def test_top_level_variables_of_every_keyword_are_symbols() -> None:
    found = symbols("const a: Foo = make();\nlet b = 1;\nvar c;")
    assert [(s.name, s.kind, s.signature) for s in found.values()] == [
        ("a", SymbolKind.VARIABLE, "const a: Foo"),
        ("b", SymbolKind.VARIABLE, "let b"),
        ("c", SymbolKind.VARIABLE, "var c"),
    ]


def test_destructuring_gives_one_variable_per_bound_name() -> None:
    found = symbols("export const { a, b: renamed, c = 1, ...rest } = obj, [x, [y]] = pair;")
    assert [(s.name, s.export, s.span.column) for s in found.values()] == [
        ("a", NAMED, 16),
        ("renamed", NAMED, 22),
        ("c", NAMED, 31),
        ("rest", NAMED, 41),
        ("x", NAMED, 56),
        ("y", NAMED, 60),
    ]


def test_variable_holding_an_arrow_function_is_a_function_with_its_parameters() -> None:
    found = symbols("const double = (n: number): number => n * 2;\nconst f = function (a) {};")
    assert found["double"].kind is SymbolKind.FUNCTION
    assert found["double"].signature == "const double = (n: number): number => …"
    assert found["f"].signature == "const f = function (a)"


def test_function_returning_jsx_with_an_uppercase_name_is_a_component() -> None:
    code = """
function Button() { return <button />; }
const Card = ({ title }) => <div>{title}</div>;
const Memo = memo(function Inner() { return <span />; });
const Ref = React.forwardRef((props, ref) => <input ref={ref} />);
class Page extends React.Component { render() { return <main />; } }
function renderRow() { return <tr />; }
function Helper() { return null; }
"""
    assert kinds(code, "src/ui.jsx") == {
        "Button": SymbolKind.COMPONENT,
        "Card": SymbolKind.COMPONENT,
        "Memo": SymbolKind.COMPONENT,
        "Ref": SymbolKind.COMPONENT,
        "Page": SymbolKind.COMPONENT,
        "Page.render": SymbolKind.METHOD,
        "renderRow": SymbolKind.FUNCTION,
        "Helper": SymbolKind.FUNCTION,
    }


def test_members_of_an_exported_object_literal_are_symbols() -> None:
    found = symbols("export const api = {\n  get() {},\n  x: 1,\n  post: async (u) => u,\n};")
    assert [(s.qualified_name, s.kind, s.parent, s.signature) for s in found.values()] == [
        ("api", SymbolKind.VARIABLE, None, "const api"),
        ("api.get", SymbolKind.METHOD, "api", "get()"),
        ("api.x", SymbolKind.PROPERTY, "api", "x: 1"),
        ("api.post", SymbolKind.METHOD, "api", "post: async (u) => …"),
    ]


def test_object_literal_exported_by_a_clause_also_gives_member_symbols() -> None:
    assert set(symbols("const api = { get() {} };\nexport { api };")) == {"api", "api.get"}


def test_members_of_an_unexported_object_literal_are_not_symbols() -> None:
    assert set(symbols("const config = { debug: true, run() {} };")) == {"config"}


def test_anonymous_default_function_is_named_after_the_file() -> None:
    found = symbols("export default function () {}", "src/utils/format-date.ts")
    assert found["format_date"].export is DEFAULT
    assert found["format_date"].kind is SymbolKind.FUNCTION
    assert found["format_date"].signature == "export default function ()"


def test_anonymous_default_class_in_an_index_file_is_named_after_its_folder() -> None:
    found = symbols("export default class {\n  run() {}\n}", "src/runner/index.ts")
    assert found["runner"].kind is SymbolKind.CLASS
    assert found["runner.run"].parent == "runner"


def test_anonymous_default_arrow_rendering_jsx_is_a_component() -> None:
    found = symbols("export default () => <App />;", "src/Root.tsx")
    assert found["Root"].kind is SymbolKind.COMPONENT
    assert found["Root"].export is DEFAULT


def test_named_default_declaration_keeps_its_name_and_is_default_exported() -> None:
    found = symbols("export default function main() {}\nexport default class App {}")
    assert found["main"].export is DEFAULT
    assert found["App"].export is DEFAULT


def test_export_clause_and_default_identifier_set_the_export_status() -> None:
    code = "function a() {}\nfunction b() {}\nfunction c() {}\nfunction d() {}\n"
    code += "export { a, b as bee, c as default };\nexport default d;"
    found = symbols(code)
    assert [(s.name, s.export) for s in found.values()] == [
        ("a", NAMED),
        ("b", NAMED),
        ("c", DEFAULT),
        ("d", DEFAULT),
    ]


def test_export_declare_function_is_a_named_export_with_declare_in_its_signature() -> None:
    found = symbols("export declare function f(x: number): string;", "a.d.ts")
    assert found["f"].export is NAMED
    assert found["f"].signature == "declare function f(x: number): string"


# ---------------------------------------------------------------- declared types (type_name)


def test_class_fields_have_the_type_of_their_annotation_or_new_initializer() -> None:
    code = """class Store {
  private repo: Repo;
  cache: ns.Cache<string> | undefined;
  #current = new Mutation();
  pending = fetchAll() as Batch;
  count = 0;
  items: Item[] = [];
}"""
    found = symbols(code)
    assert [(s.qualified_name, s.type_name) for s in found.values()] == [
        ("Store", None),
        ("Store.repo", "Repo"),
        ("Store.cache", "ns.Cache"),
        ("Store.#current", "Mutation"),
        ("Store.pending", "Batch"),
        ("Store.count", None),
        ("Store.items", "Item[]"),
    ]


def test_javascript_class_fields_have_the_type_of_their_new_initializer() -> None:
    found = symbols("class Store {\n  #queue = new Queue();\n  size = 0;\n}", "a.js")
    assert (found["Store.#queue"].type_name, found["Store.size"].type_name) == ("Queue", None)


def test_constructor_parameter_properties_are_typed_properties_of_the_class() -> None:
    code = """class Service {
  constructor(
    private readonly repo: Repo,
    public name?: string,
    @Inject(TOKEN) protected log: ns.Logger,
    override mode: Mode = Mode.A,
    plain: Plain,
  ) {}
}"""
    found = symbols(code)
    assert [s for s in found.values() if s.kind is SymbolKind.PROPERTY] == [
        Symbol(
            "repo",
            "Service.repo",
            SymbolKind.PROPERTY,
            Span(3, 5, 3, 32),
            NONE,
            "Service",
            "private readonly repo: Repo",
            "Repo",
        ),
        Symbol(
            "name",
            "Service.name",
            SymbolKind.PROPERTY,
            Span(4, 5, 4, 25),
            NONE,
            "Service",
            "public name?: string",
            None,
        ),
        Symbol(
            "log",
            "Service.log",
            SymbolKind.PROPERTY,
            Span(5, 5, 5, 44),
            NONE,
            "Service",
            "protected log: ns.Logger",
            "ns.Logger",
        ),
        Symbol(
            "mode",
            "Service.mode",
            SymbolKind.PROPERTY,
            Span(6, 5, 6, 33),
            NONE,
            "Service",
            "override mode: Mode",
            "Mode",
        ),
    ]


def test_references_in_a_parameter_property_belong_to_the_property() -> None:
    code = "class S {\n  constructor(private repo: Repo) {\n    init();\n  }\n}"
    facts = extract_file("a.ts", code.encode())
    assert [(r.name, r.enclosing) for r in facts.references if r.kind not in VALUE_USES] == [
        ("Repo", "S.repo"),
        ("init", "S.constructor"),
    ]


def test_parameters_of_methods_other_than_the_constructor_are_not_properties() -> None:
    assert set(symbols("class S {\n  run(private a: A) {}\n}")) == {"S", "S.run"}


def test_interface_property_signatures_have_the_type_of_their_annotation() -> None:
    code = "interface Deps {\n  repo: Repo;\n  cache?: Cache | null;\n  fn: () => void;\n}"
    found = symbols(code)
    assert [(s.qualified_name, s.type_name) for s in found.values()] == [
        ("Deps", None),
        ("Deps.repo", "Repo"),
        ("Deps.cache", "Cache"),
        ("Deps.fn", None),
    ]


def test_top_level_variables_have_the_type_of_their_annotation_new_or_cast() -> None:
    code = """export const focusManager = new FocusManager();
const client: ApiClient = create();
let theme = load() as Theme;
declare const VERSION: Version;
const count = 1;
const handler = () => 1;
const { a } = new Pair();"""
    found = symbols(code)
    assert [(s.name, s.kind, s.type_name) for s in found.values()] == [
        ("focusManager", SymbolKind.VARIABLE, "FocusManager"),
        ("client", SymbolKind.VARIABLE, "ApiClient"),
        ("theme", SymbolKind.VARIABLE, "Theme"),
        ("VERSION", SymbolKind.VARIABLE, "Version"),
        ("count", SymbolKind.VARIABLE, None),
        ("handler", SymbolKind.FUNCTION, None),
        ("a", SymbolKind.VARIABLE, None),
    ]


def test_members_typed_by_a_type_parameter_of_their_class_have_no_type() -> None:
    found = symbols("class Box<T> {\n  value: T;\n  other: Other;\n}")
    assert (found["Box.value"].type_name, found["Box.other"].type_name) == (None, "Other")


def test_properties_of_an_exported_object_literal_have_the_type_of_their_new_value() -> None:
    found = symbols("export const api = { client: new Client(), retries: 3 };")
    assert (found["api.client"].type_name, found["api.retries"].type_name) == ("Client", None)


# ---------------------------------------------------------------- CommonJS


def test_required_modules_are_imports_not_variables() -> None:
    code = """const fs = require('fs');
const { join, dirname: parentOf } = require('path');
const settings = require('./config').settings;
const [first] = require('./list');
const instance = require('./factory')();
const kept = 1;"""
    assert set(symbols(code, "a.js")) == {"first", "instance", "kept"}


def test_commonjs_exported_functions_and_classes_are_named_after_the_export() -> None:
    code = """exports.toCents = function toCents(amount) { return amount * 100; };
module.exports.add = (a, b) => a + b;
exports.Money = class Money {
  format() {}
};
exports.version = '1.0';
exports.alias = toCents;"""
    found = symbols(code, "lib/money.js")
    assert [(s.qualified_name, s.kind, s.export, s.signature) for s in found.values()] == [
        ("toCents", SymbolKind.FUNCTION, NAMED, "exports.toCents = function toCents(amount)"),
        ("add", SymbolKind.FUNCTION, NAMED, "module.exports.add = (a, b) => …"),
        ("Money", SymbolKind.CLASS, NAMED, "exports.Money = class Money"),
        ("Money.format", SymbolKind.METHOD, NONE, "format()"),
    ]
    assert found["toCents"].span == Span(1, 1, 1, 68)


def test_commonjs_exports_inside_a_block_are_not_symbols() -> None:
    assert symbols("if (a) {\n  exports.f = function () {};\n}", "a.js") == {}
