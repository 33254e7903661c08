/** How tests launch the system Chromium (Debian's package) headless: the same way the app's PDF export does. */
import { chromiumPath, CHROMIUM_ARGS } from "~/services/pdf.server";

export const CHROMIUM_PATH = chromiumPath() ?? "/usr/bin/chromium";
export { CHROMIUM_ARGS };
