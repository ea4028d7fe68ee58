"use client";

// CodeMirror for schema and policy text: JSON highlighting for Avro and JSON Schema, the protobuf
// mode for .proto, YAML for the policy; read-only when used as a viewer.
import { json } from "@codemirror/lang-json";
import { StreamLanguage } from "@codemirror/language";
import { protobuf } from "@codemirror/legacy-modes/mode/protobuf";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import CodeMirror from "@uiw/react-codemirror";

const protobufLanguage = StreamLanguage.define(protobuf);
const yamlLanguage = StreamLanguage.define(yaml);

export function CodeEditor({
  value,
  onChange,
  language,
  readOnly = false,
  label,
  minHeight = "12rem",
  maxHeight = "32rem",
}: {
  value: string;
  onChange?: (value: string) => void;
  language: "json" | "protobuf" | "yaml";
  readOnly?: boolean;
  label: string;
  minHeight?: string;
  maxHeight?: string;
}) {
  return (
    <div
      className="overflow-hidden rounded-md border border-slate-300 bg-white text-[13px]"
      data-testid={language === "yaml" ? "policy-editor" : readOnly ? "schema-viewer" : "schema-editor"}
    >
      <CodeMirror
        value={value}
        onChange={onChange}
        readOnly={readOnly}
        editable={!readOnly}
        extensions={[language === "json" ? json() : language === "yaml" ? yamlLanguage : protobufLanguage]}
        basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly, autocompletion: false }}
        minHeight={minHeight}
        maxHeight={maxHeight}
        aria-label={label}
      />
    </div>
  );
}

export const languageOf = (type: string): "json" | "protobuf" => (type === "PROTOBUF" ? "protobuf" : "json");
