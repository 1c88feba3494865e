// A link as plain text with a Copy button (ui/app/link_box.py): what st.code drew for a link,
// without Streamlit's syntax highlighter (1.5 MB of JavaScript a lesson's first paint waited for).
// data: {link, label}. The link is set as text (textContent), never as HTML.
export default function (component) {
  const {parentElement, data} = component;
  let box = parentElement.querySelector(":scope > .gdl");
  if (!box) {
    box = document.createElement("div");
    box.className = "gdl";
    const code = document.createElement("code");
    code.className = "gdl-text";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "gdl-copy";
    button.textContent = "Copy";
    const said = document.createElement("span");
    said.className = "gdl-said";
    said.setAttribute("aria-live", "polite");
    button.addEventListener("click", async () => {
      const text = code.textContent;
      try {
        await navigator.clipboard.writeText(text);
        said.textContent = "Copied.";
      } catch (e) {  // no clipboard (an http page, a refused permission): select it for Ctrl+C
        const range = document.createRange();
        range.selectNodeContents(code);
        const sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        said.textContent = "Selected: press Ctrl+C (⌘C) to copy.";
      }
    });
    box.append(code, button, said);
    parentElement.append(box);
  }
  const [code, button, said] = box.children;
  if (code.textContent !== data.link) {
    code.textContent = data.link;
    said.textContent = "";
  }
  button.setAttribute("aria-label", `Copy ${data.label}`);
}
