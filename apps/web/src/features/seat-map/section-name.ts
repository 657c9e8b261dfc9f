/** How a section is named to fans: the one rule shared with checkout, orders and tickets. */
export { sectionLabel as sectionName } from "@frontrow/validators/plain";
