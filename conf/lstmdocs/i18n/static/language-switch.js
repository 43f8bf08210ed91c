/*
 * The language switch keeps the reader's place (lstmdocs.i18n.language_switch).
 *
 * The link the build writes opens the other edition's page at its top, which is what it
 * does without JavaScript. With it, the link also carries:
 * - the query: ?q= of the search page (the other edition runs the same search), the
 *   explorer's and the explainer's state, which they keep in the address bar;
 * - the place: the fragment the address names while its target is on screen, else the
 *   section being read. Both editions give a section, a glossary term or a figure the same
 *   id (Sphinx keeps the English ids when it translates; tests/test_language_switch.py
 *   holds it for every page), so the id is the place in the other edition too.
 * The link is brought up to date when the page opens, when the fragment changes and when
 * the reader points at, focuses or follows it: the place is where the reader is then.
 */
"use strict";
(() => {
  const links = [...document.querySelectorAll("a.language-switch__link")];
  if (links.length === 0) return;
  const pages = new Map(links.map((link) => [link, new URL(link.getAttribute("href"), location.href)]));

  /** The id of the element at the start of the section the reader is in; "" at the page's top. */
  function sectionInView() {
    if (window.scrollY <= 0) return ""; // the page's start, whatever section begins near it
    const line = window.innerHeight / 4; // the reader's eyes: a quarter down the screen
    let inView = null;
    for (const section of document.querySelectorAll("article section[id]")) {
      const box = section.getBoundingClientRect();
      if (box.top <= line && box.bottom > line) inView = section; // the deepest one that holds the line
    }
    const isTitleSection = inView && !inView.parentElement.closest("section[id]");
    return inView && !isTitleSection ? inView.id : "";
  }

  /** The id a fragment names (a malformed escape names none). */
  function idOf(fragment) {
    try {
      return decodeURIComponent(fragment.slice(1));
    } catch {
      return "";
    }
  }

  /** The fragment for the other edition: the address's own while its target is on screen. */
  function place() {
    const named = location.hash && document.getElementById(idOf(location.hash));
    if (named) {
      const box = named.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return location.hash;
    }
    const id = sectionInView();
    return id ? `#${encodeURIComponent(id)}` : "";
  }

  function update() {
    const fragment = place();
    for (const [link, page] of pages) {
      const target = new URL(page);
      target.search = location.search;
      target.hash = fragment;
      link.href = target.href;
    }
  }

  update();
  window.addEventListener("hashchange", update);
  window.addEventListener("pageshow", update); // back to a page the browser kept: the reader may have moved
  for (const link of links) {
    // Before the address shows (hover, focus) and before the browser follows it (click, a
    // long press or a middle click start with pointerdown).
    for (const event of ["pointerenter", "focus", "pointerdown", "click"]) link.addEventListener(event, update);
  }
})();
