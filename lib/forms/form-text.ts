// Reading a text field from submitted FormData: anything that is not a string (a missing field, a
// file) reads as "", so the form's zod schema gives its usual message.
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
