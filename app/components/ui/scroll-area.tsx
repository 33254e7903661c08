import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A box that scrolls sideways when its content is wider (a wide table on a phone), and says so:
 * a line "Scroll sideways for more columns" and a fade at the edge that still has more, both only
 * while the content overflows. Without JavaScript the box still scrolls, without the hint.
 */
export function ScrollArea({ children }: { children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState({ wider: false, atStart: true, atEnd: true });
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => {
      const wider = element.scrollWidth > element.clientWidth + 1;
      const atStart = element.scrollLeft <= 1;
      const atEnd = element.scrollLeft + element.clientWidth >= element.scrollWidth - 1;
      setOverflow((was) =>
        was.wider === wider && was.atStart === atStart && was.atEnd === atEnd ? was : { wider, atStart, atEnd },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    element.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", measure);
    };
  }, []);
  const { wider, atStart, atEnd } = overflow;
  return (
    <div
      className="scroll-frame"
      data-overflow={wider ? "" : undefined}
      data-more-left={wider && !atStart ? "" : undefined}
      data-more-right={wider && !atEnd ? "" : undefined}
    >
      <p className="scroll-hint" hidden={!wider} aria-hidden="true">
        Scroll sideways for more columns
      </p>
      <div className="scroll-edge">
        {/* While it scrolls, the box is a tab stop, so a keyboard can scroll it too: a group, not a landmark. */}
        <div
          ref={box}
          className="table-scroll"
          role={wider ? "group" : undefined}
          aria-label={wider ? "Table: scroll sideways for more columns" : undefined}
          tabIndex={wider ? 0 : undefined}
        >
          {children}
        </div>
      </div>
    </div>
  );
}
