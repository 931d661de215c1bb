"""The chat tab: questions, follow-ups in one conversation, the answer and its sources panel.

Usage: ``view = build(ctx)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import gradio as gr

from assistant.api import Answer, ChatSession, QuestionError, citation_label
from assistant.messages import t
from ui.common import Context, TabView, esc

EXAMPLES = {
    "examples_org": ["Quels types de soutien la Ville offre-t-elle aux organismes?",
                     "Est-ce que la Ville peut nous louer des locaux moins cher?",
                     "Quels organismes pour les aînés à Saint-Laurent?"],
    "examples_staff": ["Quels sont les engagements de la Ville liés au principe 2?",
                       "Qui siège au comité de suivi de la politique?",
                       "What are the City's commitments under principle 3?"],
    "examples_general": ["Quand la Déclaration de reconnaissance a-t-elle été adoptée?",
                         "Quelles valeurs guident la politique?",
                         "When did the city council adopt the community action policy?"],
}


def answer_markdown(answer: Answer, lang: str) -> str:
    """The chat bubble: escaped text; an abstention is flagged so it looks different from an answer."""
    body = esc(answer.answer).replace("\n", "  \n")
    notice = f"*{esc(answer.notice)}*  \n" if answer.notice else ""
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
        cards.append(
            f"<details class='repere-card' data-testid='source-card'><summary>[{c.n}] "
            f"{esc(citation_label(c, lang))}</summary><blockquote>{esc(c.quote)}</blockquote></details>")
    return f"<h4>{esc(t('sources', lang))}</h4>" + "".join(cards)


def build(ctx: Context) -> TabView:
    assistant = ctx.assistant

    def respond(message: str, history: list, session: ChatSession, lang: str):
        history = list(history or [])
        if not (message or "").strip():
            return history, session, "", sources_html(None, lang)
        try:
            answer = assistant.ask(message, session=session)
        except QuestionError as exc:
            return history + [{"role": "user", "content": esc(message)},
                              {"role": "assistant", "content": f"⚠️ {esc(str(exc))}"}], session, "", ""
        history += [{"role": "user", "content": esc(message)},
                    {"role": "assistant", "content": answer_markdown(answer, lang)}]
        return history, session, "", sources_html(answer, lang)

    def new_conversation(lang: str):
        return [], ChatSession(), sources_html(None, lang)

    with gr.Tab(t("tab_chat"), id="chat") as tab:
        session = gr.State(ChatSession())
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(height=430, elem_id="chatbot", show_label=False)
                question = gr.Textbox(label=t("chat_label"), placeholder=t("chat_placeholder"),
                                      elem_id="question", lines=1)
                with gr.Row():
                    send = gr.Button(t("send"), variant="primary", elem_id="send")
                    clear = gr.Button(t("clear"))
            with gr.Column(scale=2):
                sources = gr.HTML(sources_html(None, "fr"), elem_id="sources")
        with gr.Row():
            for key, questions in EXAMPLES.items():
                with gr.Column():
                    gr.Examples(questions, inputs=[question], label=t(key))

    private = {"api_visibility": "private"}
    send.click(respond, [question, chatbot, session, ctx.lang], [chatbot, session, question, sources], **private)
    question.submit(respond, [question, chatbot, session, ctx.lang], [chatbot, session, question, sources],
                    **private)
    clear.click(new_conversation, [ctx.lang], [chatbot, session, sources], **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_chat", lang)),
                gr.update(label=t("chat_label", lang), placeholder=t("chat_placeholder", lang)),
                gr.update(value=t("send", lang)), gr.update(value=t("clear", lang)), sources_html(None, lang)]

    return TabView([tab, question, send, clear, sources], relabel)
