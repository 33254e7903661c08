import { useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";

export interface ComboboxOption {
  value: string;
  label: string;
}

/** The most matches listed at once: typing more narrows them. */
const SHOWN = 50;

// useLayoutEffect warns when React renders on the server; the list only opens in the browser.
const useBrowserLayoutEffect = typeof document === "undefined" ? () => {} : useLayoutEffect;

/**
 * A text box that filters a list as you type (the ARIA combobox pattern, list autocomplete with
 * manual selection): arrows move through the matches, Enter or a click picks one, Escape closes the
 * list and then puts the box back. The page sends the options once, however many boxes share them,
 * and the list holds only the first matches while it is open, so a team of 1,000 costs one list.
 * Text that names no option is kept and given to `onChange` as it is, for the form to refuse by name.
 */
export function Combobox({
  options,
  value,
  onChange,
  "aria-label": ariaLabel,
  placeholder,
  invalid,
}: {
  options: ComboboxOption[];
  value: string;
  onChange: (value: string) => void;
  "aria-label": string;
  placeholder?: string;
  invalid?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const input = useRef<HTMLInputElement>(null);
  const chosen = options.find((o) => o.value === value);
  const shownText = chosen?.label ?? value;
  // While someone types, the box holds their text; otherwise it shows the chosen option.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [place, setPlace] = useState<CSSProperties>({});
  const text = typed ?? shownText;

  const matches = useMemo(() => {
    if (!open) return { shown: [], total: 0 };
    const query = (typed ?? "").trim().toLowerCase();
    const all = query === "" ? options : options.filter((o) => o.label.toLowerCase().includes(query));
    return { shown: all.slice(0, SHOWN), total: all.length };
  }, [open, typed, options]);

  // The list floats over the page (fixed), so the table's sideways scroll does not clip it.
  useBrowserLayoutEffect(() => {
    if (!open) return;
    const placeList = () => {
      const box = input.current?.getBoundingClientRect();
      if (!box) return;
      const below = window.innerHeight - box.bottom;
      const up = below < 220 && box.top > below;
      setPlace({
        left: Math.max(4, Math.min(box.left, window.innerWidth - 284)),
        minWidth: Math.min(Math.max(box.width, 240), window.innerWidth - 8),
        ...(up
          ? { bottom: window.innerHeight - box.top + 2, maxHeight: Math.min(300, box.top - 8) }
          : { top: box.bottom + 2, maxHeight: Math.min(300, below - 8) }),
      });
    };
    placeList();
    window.addEventListener("scroll", placeList, true);
    window.addEventListener("resize", placeList);
    return () => {
      window.removeEventListener("scroll", placeList, true);
      window.removeEventListener("resize", placeList);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    setTyped(null);
  };
  const pick = (option: ComboboxOption) => {
    close();
    if (option.value !== value) onChange(option.value);
  };
  // Leaving the box with typed text: a label that names one option exactly picks it, other text is kept.
  const commit = () => {
    if (typed === null) return close();
    const query = typed.trim();
    const exact = options.find((o) => o.label.toLowerCase() === query.toLowerCase());
    close();
    if (exact) {
      if (exact.value !== value) onChange(exact.value);
    } else if (query !== "" && query !== value) onChange(query);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = matches.shown.length - 1;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(0);
        } else if (last >= 0) {
          setActive((a) => (event.key === "ArrowDown" ? (a >= last ? 0 : a + 1) : a <= 0 ? last : a - 1));
        }
        return;
      }
      case "Enter": {
        if (!open) return;
        event.preventDefault();
        const option = matches.shown[active];
        if (option) pick(option);
        else commit();
        return;
      }
      case "Escape":
        if (open || typed !== null) {
          event.preventDefault();
          // The first Escape closes the list, the second puts back what was chosen.
          if (open) setOpen(false);
          else setTyped(null);
        }
        return;
      default:
        return;
    }
  };

  const count =
    matches.total === 0
      ? "No one matches"
      : matches.total > matches.shown.length
        ? `${matches.shown.length} of ${matches.total.toLocaleString("en-US")} shown: type to narrow`
        : `${matches.total} match${matches.total === 1 ? "" : "es"}`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const activeOption = open && matches.shown[active] ? optionId(active) : undefined;
  return (
    <span className="combobox">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label={ariaLabel}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={activeOption}
        aria-invalid={invalid || undefined}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setTyped(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={(e) => e.target.select()}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={commit}
      />
      {open ? (
        // Pressing in the list (an option, its scroll bar) must not blur the box, or the list would close under the pointer.
        // eslint-disable-next-line jsx-a11y/no-static-element-interactions -- not a control: it only keeps the focus where it is
        <div className="combobox-popup" style={place} onMouseDown={(e) => e.preventDefault()}>
          <ul id={listId} role="listbox" aria-label={ariaLabel}>
            {matches.shown.map((option, index) => (
              // The keys are the text box's (aria-activedescendant): focus never leaves it for an option.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events
              <li
                key={option.value}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                data-chosen={option.value === value ? "" : undefined}
                onClick={() => pick(option)}
                onMouseMove={() => index !== active && setActive(index)}
              >
                {option.label}
              </li>
            ))}
          </ul>
          <p className="combobox-count" aria-hidden="true">
            {count}
          </p>
        </div>
      ) : null}
      {/* Always there, so that a screen reader hears the count change as someone types. */}
      <span className="visually-hidden" role="status">
        {open ? count : ""}
      </span>
    </span>
  );
}
