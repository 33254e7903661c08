import"/build/_shared/chunk-T36URGAI.js";function o(){return null}export{o as default};
