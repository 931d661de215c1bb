"""The chat tab: questions, follow-ups in one conversation, the answer and its sources panel.

Usage: ``view = build(ctx)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import re

import gradio as gr

from assistant.api import MAX_QUESTION_CHARS, Answer, ChatSession, citation_label
from assistant.messages import EXAMPLE_QUESTIONS, t
from ui.api import ANSWERING
from ui.common import Context, TabView, esc, friendly_error, md_text
from ui.limits import MAX_CHAT_TURNS, question_field

def answer_markdown(answer: Answer, lang: str) -> str:
    """The chat bubble: inert text (no HTML, no image or link syntax); an abstention is flagged so it looks
    different from an answer."""
    # the source's own numbers stay as written (« 3. Le soutien locatif »): Markdown would renumber them, and run
    # an English list on into its French original (1. 2. 3. then 4. 5. 6.)
    body = re.sub(r"(?m)^(\s*)(\d+)\. ", r"\1\2\\. ", md_text(answer.answer))
    # the French original and the source line are paragraphs of their own, not the last list item's tail
    body = re.sub(r"\n(?=Source ?:|French original:|traduction non officielle)", "\n\n", body).replace("\n", "  \n")
    notice = f"*{md_text(answer.notice)}*  \n" if answer.notice else ""
    if answer.abstained:
        return f"**ⓘ {t('abstain_badge', lang)}**  \n{notice}> {body}"
    return notice + body


def sources_html(answer: Answer | None, lang: str) -> str:
    if answer is None:
        return f"<p>{esc(t('no_sources', lang))}</p>"
    if answer.abstained:
        nearest = "".join(f"<li>{esc(x)}</li>" for x in answer.nearest)
        return (f"<div class='repere-abstain' data-testid='abstention'><b>ⓘ {esc(t('abstain_badge', lang))}</b>"
                f"<p>{esc(answer.answer.splitlines()[0])}</p><ul>{nearest}</ul></div>")
    cards = []
    for c in answer.citations:
        english = (f"<blockquote lang='en'>{esc(c.english)}</blockquote><p class='repere-badge'>"
                   f"{esc(t('unofficial_label', lang))}</p>") if c.english else ""
        cards.append(
            f"<details class='repere-card' data-testid='source-card'><summary>[{c.n}] "
            f"{esc(citation_label(c, lang))}</summary>{english}<blockquote lang='fr'>{esc(c.quote)}</blockquote>"
            f"</details>")
    # The rest of the section, folded: the answer stays short, the context one click away.
    context = (f"<details class='repere-card' data-testid='context'><summary>{esc(t('context_label', lang))}"
               f"</summary><blockquote lang='fr'>{esc(answer.context)}</blockquote></details>"
               if answer.context else "")
    return f"<h4>{esc(t('sources', lang))}</h4>" + "".join(cards) + context


def build(ctx: Context) -> TabView:
    assistant = ctx.assistant

    def respond(message, history: list, session: ChatSession, lang: str):
        # The conversation shown is kept on the server (gr.State), never read back from the client, and trimmed,
        # so a forged conversation cannot be sent and a long one stays small.
        history = list(history or [])[-2 * (MAX_CHAT_TURNS - 1):]
        if message is None or isinstance(message, str) and not message.strip():
            return history, history, session, "", sources_html(None, lang)
        # What the user typed, shown back as typed; a character that cannot be sent back (a lone surrogate)
        # shows as "?".
        shown = md_text(str(message).encode("utf-8", "replace").decode("utf-8"))
        try:
            message, _ = question_field(message)
            answer = assistant.ask(message, session=session)
        except Exception as exc:  # noqa: BLE001 - refusals and failures become a message in the user's language
            history += [{"role": "user", "content": shown[:MAX_QUESTION_CHARS]},
                        {"role": "assistant", "content": f"⚠️ {md_text(friendly_error(exc, lang, ctx.settings))}"}]
            return history, history, session, "", ""
        history += [{"role": "user", "content": shown},
                    {"role": "assistant", "content": answer_markdown(answer, lang)}]
        return history, history, session, "", sources_html(answer, lang)

    def new_conversation(lang: str):
        return [], [], ChatSession(), sources_html(None, lang)

    with gr.Tab(t("tab_chat"), id="chat") as tab:
        session = gr.State(ChatSession())
        shown = gr.State([])  # the conversation as displayed, kept on the server
        with gr.Row():
            with gr.Column(scale=3):
                # No "share" button: it targets Hugging Face Spaces and Gradio renders it without a name.
                chatbot = gr.Chatbot(height=430, elem_id="chatbot", show_label=False, label=t("chat_conversation"),
                                     buttons=["copy", "copy_all"])
                question = gr.Textbox(label=t("chat_label"), placeholder=t("chat_placeholder"),
                                      elem_id="question", lines=1, max_length=MAX_QUESTION_CHARS)
                with gr.Row():
                    send = gr.Button(t("send"), variant="primary", elem_id="send")
                    clear = gr.Button(t("clear"))
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None, "fr"), elem_id="sources")
        with gr.Row():
            examples = []
            for key, questions in EXAMPLE_QUESTIONS.items():
                with gr.Column():
                    # A Dataset rather than gr.Examples: its questions change with the language.
                    examples.append(gr.Dataset(components=[question], samples=[[q] for q in questions["fr"]],
                                               label=t(key), type="values", elem_classes=["repere-examples"]))

    private = {"api_visibility": "private"}
    asking = {"fn": respond, "inputs": [question, shown, session, ctx.lang],
              "outputs": [chatbot, shown, session, question, sources], **private, **ANSWERING}
    send.click(**asking)
    question.submit(**asking)
    clear.click(new_conversation, [ctx.lang], [chatbot, shown, session, sources], **private)

    def load_example(sample):
        return (sample or [""])[0]

    for dataset in examples:
        dataset.click(load_example, [dataset], [question], **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_chat", lang)),
                gr.update(label=t("chat_label", lang), placeholder=t("chat_placeholder", lang)),
                gr.update(value=t("send", lang)), gr.update(value=t("clear", lang)), sources_html(None, lang),
                gr.update(label=t("chat_conversation", lang)),
                *[gr.update(label=t(key, lang), samples=[[q] for q in questions[lang]])
                  for key, questions in EXAMPLE_QUESTIONS.items()]]

    return TabView([tab, question, send, clear, sources, chatbot, *examples], relabel)
