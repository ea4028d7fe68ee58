/** A select bound to one URL parameter, for list filters: "" means any; changing it resets the page. */
export type UrlState = { params: URLSearchParams; set: (p: Record<string, string | undefined>) => void };

const select = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function FilterSelect({
  label,
  param,
  any,
  options,
  params,
  set,
}: UrlState & { label: string; param: string; any: string; options?: readonly (readonly [string, string])[] }) {
  return (
    <select
      aria-label={label}
      className={select}
      value={params.get(param) ?? ""}
      onChange={(e) => set({ [param]: e.target.value, page: undefined })}
    >
      <option value="">{any}</option>
      {options?.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
}
