/** The look of a text input or select in the console's forms. */
export const fieldClass = "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
