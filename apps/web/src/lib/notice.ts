/** Something a page tells the user where they are looking (a seat taken, a hold placed, a change saved…). */
export interface Notice {
  tone: "info" | "success" | "warning" | "error";
  text: string;
}
